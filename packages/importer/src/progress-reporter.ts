import cliProgress from "cli-progress";
import type { ImportProgress } from "./import-progress.js";

export interface ProgressReporterOptions {
  /** Default `process.stderr`. */
  readonly stream?: NodeJS.WriteStream | undefined;
  /** Draw a bar (default: when the stream is a TTY); otherwise print a line now and then. */
  readonly bar?: boolean | undefined;
  /** Between two lines when there is no bar. Default 2 000 ms. */
  readonly lineIntervalMs?: number | undefined;
}

export interface ProgressReporter {
  /** Pass as ImportOptions.onProgress. */
  readonly onProgress: (progress: ImportProgress) => void;
  /** Ends the bar (or prints the last line). */
  readonly stop: () => void;
}

/**
 * Shows an import's progress on stderr: a bar over the rows done on a terminal, a line every
 * 2 s otherwise (logs, CI). Results never go here; they belong on stdout.
 */
export function createProgressReporter(options: ProgressReporterOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const useBar = options.bar ?? stream.isTTY === true;
  if (useBar) return barReporter(stream);
  return lineReporter(stream, options.lineIntervalMs ?? 2_000);
}

function barReporter(stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{bar} {percentage}% | {line}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let last: ImportProgress | undefined;
  const show = (progress: ImportProgress) => {
    const { done, total } = fraction(progress);
    const payload = { line: describeProgress(progress) };
    if (!started) {
      bar.start(Math.max(1, total), done, payload);
      started = true;
    } else {
      bar.setTotal(Math.max(1, total));
      bar.update(done, payload);
    }
  };
  return {
    onProgress(progress) {
      last = progress;
      show(progress);
    },
    stop() {
      if (!started) return;
      if (last !== undefined) show(last);
      bar.stop();
    },
  };
}

function lineReporter(stream: NodeJS.WriteStream, intervalMs: number): ProgressReporter {
  let lastLineAt = 0;
  let last: ImportProgress | undefined;
  let printedLast = true;
  const print = (progress: ImportProgress) => {
    stream.write(`${formatProgressLine(progress)}\n`);
    lastLineAt = progress.elapsedMs;
    printedLast = true;
  };
  return {
    onProgress(progress) {
      last = progress;
      printedLast = false;
      if (progress.elapsedMs - lastLineAt >= intervalMs) print(progress);
    },
    stop() {
      if (last !== undefined && !printedLast) print(last);
    },
  };
}

/**
 * What the percentage is of: templates listed while listing the workspace, rows done
 * otherwise (never bytes read, which run ahead of the rows sent).
 */
function fraction(progress: ImportProgress): { done: number; total: number } {
  if (progress.phase === "listing") {
    return { done: progress.templatesListed, total: progress.templatesTotal ?? 0 };
  }
  return { done: progress.rowsDone, total: progress.rowsTotal };
}

/** One line of progress: what the non-TTY reporter prints. */
export function formatProgressLine(progress: ImportProgress): string {
  const seconds = Math.floor(progress.elapsedMs / 1000);
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
  const { done, total } = fraction(progress);
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
  return `[${clock}] ${progress.phase} ${percent}% | ${describeProgress(progress)}`;
}

function describeProgress(progress: ImportProgress): string {
  const rows =
    progress.phase === "listing"
      ? `listed ${progress.templatesListed} of ${progress.templatesTotal ?? "?"} templates`
      : `rows ${progress.rowsDone}/${progress.rowsTotal} done, read ${progress.rowsRead}, ` +
        `decided ${progress.rowsDecided}, sent ${progress.sent}`;
  return (
    `${rows} | created ${progress.created} updated ${progress.updated} skipped ${progress.skipped} ` +
    `rejected ${progress.rejected} exists-failed ${progress.existsFailed} retried ${progress.retried} | ` +
    `${progress.rowsPerSecond.toFixed(1)} rows/s${noteOf(progress)}`
  );
}

function noteOf(progress: ImportProgress): string {
  if (progress.throttledUntil !== undefined) return " | throttled, waiting";
  if (progress.phase === "starting") return " | asking the workspace";
  if (progress.phase === "sweeping") return " | checking for duplicates";
  return "";
}

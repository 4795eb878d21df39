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
 * Shows an import's progress on stderr: a bar over the bytes read on a terminal, a line
 * every 2 s otherwise (logs, CI). Results never go here; they belong on stdout.
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
      format:
        "{bar} {percentage}% | {rows} rows | created {created} updated {updated} skipped {skipped} " +
        "rejected {rejected} retried {retried} | {rate}/s{note}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let last: ImportProgress | undefined;
  return {
    onProgress(progress) {
      last = progress;
      const payload = payloadOf(progress);
      if (!started) {
        bar.start(Math.max(1, progress.totalBytes), progress.bytesRead, payload);
        started = true;
      } else {
        bar.update(progress.bytesRead, payload);
      }
    },
    stop() {
      if (!started) return;
      if (last !== undefined) bar.update(last.bytesRead, payloadOf(last));
      bar.stop();
    },
  };
}

function payloadOf(progress: ImportProgress) {
  return {
    rows: progress.rowsRead,
    created: progress.created,
    updated: progress.updated,
    skipped: progress.skipped,
    rejected: progress.rejected + progress.existsFailed,
    retried: progress.retried,
    rate: progress.rowsPerSecond.toFixed(0),
    note: noteOf(progress),
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

/** One line of progress: what the non-TTY reporter prints. */
export function formatProgressLine(progress: ImportProgress): string {
  const seconds = Math.floor(progress.elapsedMs / 1000);
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
  const percent =
    progress.totalBytes > 0 ? Math.floor((progress.bytesRead / progress.totalBytes) * 100) : 100;
  return (
    `[${clock}] ${progress.phase} ${percent}% | read ${progress.rowsRead} sent ${progress.sent} ` +
    `created ${progress.created} updated ${progress.updated} skipped ${progress.skipped} ` +
    `rejected ${progress.rejected + progress.existsFailed} retried ${progress.retried} | ` +
    `${progress.rowsPerSecond.toFixed(1)} rows/s${noteOf(progress)}`
  );
}

function noteOf(progress: ImportProgress): string {
  if (progress.throttledUntil !== undefined) return " | throttled, waiting";
  if (progress.phase === "listing") return " | listing existing templates";
  if (progress.phase === "sweeping") return " | checking for duplicates";
  return "";
}

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
/*
 * The start-up benchmark (`pnpm --filter @promptmill/installed bench`): how long the installed
 * programs take to start, next to `node -e 0` on the same machine in the same minutes.
 *
 * Every package is packed and installed from its tarball outside the repository (as the
 * installed-package tests do); then each command below runs ROUNDS times, interleaved with
 * `node -e 0` (round 1 runs every command once, round 2 again, …), so that a change in the
 * machine's load hits all of them alike. Wall time comes from the parent's clock around each
 * process; peak RSS and CPU time from GNU time (`/usr/bin/time -f "%M %U %S"`).
 *
 * Targets (issue "Ship it"): `promptmill --help` ≤ 2.5× `node -e 0`, `promptmill render` ≤ 3×,
 * peak RSS of `--help` ≤ 1.5× `node -e 0`'s. Options: --rounds N (default 30).
 * Results: bench/results/startup.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeMachine, loadAverageNow, machineLine } from "@promptmill/test-support/machine";
import { installPromptmill } from "../src/install-promptmill.js";
import { REPO_ROOT } from "../src/repo-root.js";

const roundsIndex = process.argv.indexOf("--rounds");
const ROUNDS = roundsIndex > 0 ? Number(process.argv[roundsIndex + 1]) : 30;
const GNU_TIME = "/usr/bin/time";
const RESULTS = fileURLToPath(new URL("./results/startup.json", import.meta.url));

interface Command {
  label: string;
  file: string;
  args: string[];
  cwd?: string;
  target?: { wall?: number; rss?: number };
}

interface Sample {
  wallMs: number;
  rssKiB: number;
  cpuMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function runOnce(command: Command, env: NodeJS.ProcessEnv): Sample {
  const start = process.hrtime.bigint();
  const timed = spawnSync(command.file, command.args, { cwd: command.cwd, env, stdio: "ignore" });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (timed.status !== 0) throw new Error(`${command.label} exited ${timed.status}`);
  // A second run under GNU time for the peak RSS and CPU (its own fork would skew the clock).
  const measured = spawnSync(GNU_TIME, ["-f", "%M %U %S", command.file, ...command.args], {
    cwd: command.cwd,
    env,
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
  });
  const [rss, user, system] = (measured.stderr.trim().split("\n").at(-1) ?? "")
    .split(" ")
    .map(Number);
  return { wallMs, rssKiB: rss ?? Number.NaN, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000 };
}

async function main(): Promise<void> {
  if (!existsSync(GNU_TIME))
    throw new Error(`${GNU_TIME} is needed for peak RSS (apt-get install time)`);
  const machine = describeMachine();
  process.stderr.write("packing and installing every package (about 30 s)…\n");
  const installed = await installPromptmill({ log: (line) => process.stderr.write(`  ${line}\n`) });
  try {
    const consumer = installed.consumer;
    await writeFile(join(consumer, "import-core.mjs"), 'import "@promptmill/core";\n');
    await writeFile(join(consumer, "import-template.mjs"), 'import "@promptmill/core/template";\n');
    const commands: Command[] = [
      { label: "node -e 0", file: process.execPath, args: ["-e", "0"] },
      {
        label: "promptmill --help",
        file: installed.bin("promptmill"),
        args: ["--help"],
        target: { wall: 2.5, rss: 1.5 },
      },
      { label: "promptmill --version", file: installed.bin("promptmill"), args: ["--version"] },
      {
        label: "promptmill render --content … --var …",
        file: installed.bin("promptmill"),
        args: [
          "render",
          "--content",
          "请以${tone}的语气写一篇短文，主题为：${theme}。",
          "--var",
          "tone=轻松",
          "--var",
          "theme=春天",
        ],
        target: { wall: 3 },
      },
      {
        label: "promptmill-worker --help",
        file: installed.bin("promptmill-worker"),
        args: ["--help"],
      },
      {
        label: "promptmill-server --help",
        file: installed.bin("promptmill-server"),
        args: ["--help"],
      },
      {
        label: 'import "@promptmill/core"',
        file: process.execPath,
        args: ["import-core.mjs"],
        cwd: consumer,
      },
      {
        label: 'import "@promptmill/core/template"',
        file: process.execPath,
        args: ["import-template.mjs"],
        cwd: consumer,
      },
      {
        label: "promptmill --help from source (repo, tsx)",
        file: process.execPath,
        args: [join(REPO_ROOT, "apps", "cli", "bin", "promptmill.js"), "--help"],
      },
    ];

    const env = installed.env;
    for (const command of commands) runOnce(command, env); // warm the file cache
    const samples = new Map<string, Sample[]>(commands.map((command) => [command.label, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const command of commands) samples.get(command.label)?.push(runOnce(command, env));
      process.stderr.write(`\rround ${round + 1}/${ROUNDS}`);
    }
    process.stderr.write("\n");

    const summarize = (label: string) => {
      const list = samples.get(label) ?? [];
      return {
        wallMs: median(list.map((sample) => sample.wallMs)),
        cpuMs: median(list.map((sample) => sample.cpuMs)),
        rssMiB: median(list.map((sample) => sample.rssKiB)) / 1024,
      };
    };
    const baseline = summarize("node -e 0");
    const rows = commands.map((command) => {
      const figures = summarize(command.label);
      const wallRatio = figures.wallMs / baseline.wallMs;
      const rssRatio = figures.rssMiB / baseline.rssMiB;
      const verdicts: string[] = [];
      if (command.target?.wall) {
        verdicts.push(
          `wall ≤ ${command.target.wall}×: ${wallRatio <= command.target.wall ? "PASS" : "FAIL"}`,
        );
      }
      if (command.target?.rss) {
        verdicts.push(
          `RSS ≤ ${command.target.rss}×: ${rssRatio <= command.target.rss ? "PASS" : "FAIL"}`,
        );
      }
      return {
        command: command.label,
        ...figures,
        wallRatio,
        cpuRatio: figures.cpuMs / baseline.cpuMs,
        rssRatio,
        verdict: verdicts.join(", "),
      };
    });

    console.log(
      `\nStart-up, median of ${ROUNDS} interleaved runs; ${machineLine(machine)} at start`,
    );
    console.table(
      rows.map((row) => ({
        command: row.command,
        "wall ms": row.wallMs.toFixed(1),
        "× node -e 0": row.wallRatio.toFixed(2),
        "CPU ms": row.cpuMs.toFixed(0),
        "CPU ×": row.cpuRatio.toFixed(2),
        "RSS MiB": row.rssMiB.toFixed(1),
        "RSS ×": row.rssRatio.toFixed(2),
        target: row.verdict,
      })),
    );
    await mkdir(join(RESULTS, ".."), { recursive: true });
    await writeFile(
      RESULTS,
      `${JSON.stringify({ date: new Date().toISOString(), machine, rounds: ROUNDS, rows, loadAverageAtEnd: loadAverageNow() }, null, 2)}\n`,
    );
    console.log(`results: ${RESULTS}`);
  } finally {
    await installed.remove();
  }
}

await main();

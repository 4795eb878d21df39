/**
 * `registry.render` on a cached template vs a direct call of the compiled render function, for
 * the same template and values: what the registry's hit path costs on top of rendering.
 *
 * No service is needed (core cannot depend on the local service): the registry's client points
 * at a port nothing listens on, so `preload()` fails to connect and loads both templates from a
 * snapshot file — the same path an application takes when the service is down at start-up. The
 * TTL is longer than the run, so every measured call is a cache hit.
 *
 * Each (case, task) runs in its own child process so that no task profits from another's JIT
 * warm-up, in several rounds (the best counts). Run: `npx tsx bench/registry.bench.ts` from
 * packages/core.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeMachine, machineLine } from "@promptmill/test-support/machine";
import { Bench } from "tinybench";
import {
  type CompiledTemplate,
  compileTemplate,
  createPromptRegistry,
  extractVariables,
  ModelStudioClient,
  type PromptRegistry,
  type PromptSnapshot,
  type RenderValues,
} from "../src/index.js";
import { longPrompt, longValues, shortPrompt, shortValues } from "./fixtures.js";

const CASES = {
  short: { name: "电商文案（short）", content: shortPrompt, values: shortValues },
  long: { name: "客户季度回顾（long）", content: longPrompt, values: longValues },
} as const;
type CaseName = keyof typeof CASES;

const TASKS = ["direct", "renderSync", "render", "direct-awaited"] as const;
type TaskName = (typeof TASKS)[number];

const TARGET_RATIO = 0.8;
/** Calls per measured sample: one call is far below the timer's resolution. */
const CALLS_PER_SAMPLE = 1_000;
const ROUNDS = 3;
const WORKSPACE = "llm-benchmark00000000";

let sink = 0;
/** Reads the last character so V8 must flatten the rope: concatenation cannot look free. */
function consume(text: string): void {
  sink = (sink + text.charCodeAt(text.length - 1)) | 0;
}

async function closedPortEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return `http://127.0.0.1:${address.port}`;
}

async function registryFromSnapshot(directory: string): Promise<PromptRegistry> {
  const snapshotFile = join(directory, "snapshot.json");
  const snapshot: PromptSnapshot = {
    workspaceId: WORKSPACE,
    takenAt: new Date().toISOString(),
    templates: Object.values(CASES).map((benchCase, index) => ({
      id: String(index + 1).padStart(32, "0"),
      name: benchCase.name,
      content: benchCase.content,
      variables: extractVariables(benchCase.content),
      type: "Custom",
    })),
  };
  await writeFile(snapshotFile, JSON.stringify(snapshot));
  const client = new ModelStudioClient({
    endpoint: await closedPortEndpoint(),
    credentials: { accessKeyId: "benchmark", accessKeySecret: "benchmark-secret" },
    retry: false,
  });
  const registry = createPromptRegistry({
    client,
    workspaceId: WORKSPACE,
    ttlMs: 3_600_000,
    fallback: { snapshotFile },
  });
  const preloaded = await registry.preload();
  if (preloaded.failed.length > 0 || preloaded.prompts.some((p) => p.source !== "fallback")) {
    throw new Error(`preload did not load the snapshot: ${JSON.stringify(preloaded.failed)}`);
  }
  return registry;
}

/**
 * Four sets of values of the same shape, used in turn as requests would. With one constant
 * object V8 can fold the whole render into a constant string (its fields never change), and
 * the "direct" call then measures an empty loop.
 */
function valueSetsOf(values: Readonly<Record<string, string>>): RenderValues[] {
  return [0, 1, 2, 3].map((set) =>
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name, set === 0 ? value : `${value} ${set}`]),
    ),
  );
}

function taskFunction(
  task: TaskName,
  registry: PromptRegistry,
  compiled: CompiledTemplate,
  name: string,
  valueSets: RenderValues[],
): () => unknown {
  const valuesFor = (call: number): RenderValues => valueSets[call & 3] as RenderValues;
  switch (task) {
    case "direct":
      return () => {
        for (let call = 0; call < CALLS_PER_SAMPLE; call++) consume(compiled(valuesFor(call)));
      };
    case "renderSync":
      return () => {
        for (let call = 0; call < CALLS_PER_SAMPLE; call++) {
          consume(registry.renderSync(name, valuesFor(call)));
        }
      };
    case "render":
      return async () => {
        for (let call = 0; call < CALLS_PER_SAMPLE; call++) {
          consume(await registry.render(name, valuesFor(call)));
        }
      };
    case "direct-awaited":
      // The same await per call as `render`, around the direct call: what any Promise-returning
      // API costs, so the difference to `render` is the registry's own work.
      return async () => {
        for (let call = 0; call < CALLS_PER_SAMPLE; call++) {
          consume(await compiled(valuesFor(call)));
        }
      };
  }
}

/** Child mode: measures one task of one case and prints its figures as JSON. */
async function measure(caseName: CaseName, task: TaskName): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), "promptmill-registry-bench-"));
  try {
    const registry = await registryFromSnapshot(directory);
    const { name, content, values } = CASES[caseName];
    const compiled = compileTemplate(content);
    const valueSets = valueSetsOf(values);
    for (const setOfValues of valueSets) {
      const expected = compiled(setOfValues);
      if (
        registry.renderSync(name, setOfValues) !== expected ||
        (await registry.render(name, setOfValues)) !== expected
      ) {
        throw new Error("the registry renders something else than the compiled function");
      }
    }
    const bench = new Bench({ time: 2_000, warmupTime: 500 });
    bench.add(task, taskFunction(task, registry, compiled, name, valueSets));
    await bench.run();
    const result = bench.tasks[0]?.result;
    if (result === undefined || result.state !== "completed") {
      throw new Error(`task ${task} did not complete: ${JSON.stringify(result)}`);
    }
    const perSample = CALLS_PER_SAMPLE * 1_000;
    process.stdout.write(
      `${JSON.stringify({
        case: caseName,
        task,
        opsPerSecond: perSample / result.latency.p50,
        opsPerSecondMean: perSample / result.latency.mean,
        relativeMarginOfError: result.latency.rme,
        samples: result.latency.samplesCount,
        sink,
      })}\n`,
    );
    registry.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

interface Measurement {
  case: CaseName;
  task: TaskName;
  opsPerSecond: number;
  opsPerSecondMean: number;
  relativeMarginOfError: number;
  samples: number;
}

function runChild(caseName: CaseName, task: TaskName): Promise<Measurement> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, "--case", caseName, "--task", task],
      { cwd: fileURLToPath(new URL("..", import.meta.url)), maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null)
          return reject(new Error(`${caseName}/${task} failed: ${stderr || error.message}`));
        const line = stdout.trim().split("\n").at(-1) ?? "";
        resolve(JSON.parse(line) as Measurement);
      },
    );
  });
}

function format(opsPerSecond: number): string {
  return Math.round(opsPerSecond).toLocaleString("en-US").padStart(12);
}

async function main(): Promise<void> {
  // Other work on the machine disturbs the figures; the load average says how much.
  const machine = describeMachine();
  console.log(`registry benchmark — ${machineLine(machine)}`);
  console.log(
    "No service: the registry is preloaded from a snapshot file (its client cannot connect); every measured call is a cache hit.",
  );
  for (const [caseName, benchCase] of Object.entries(CASES)) {
    console.log(
      `  ${caseName}: ${benchCase.content.length} characters (${Buffer.byteLength(benchCase.content)} bytes UTF-8), ${extractVariables(benchCase.content).length} variables`,
    );
  }

  // Rounds go through every (case, task) in turn, so load from elsewhere on the machine hits
  // them alike; the best round of each counts, the least disturbed by it.
  const runs: Measurement[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const caseName of Object.keys(CASES) as CaseName[]) {
      for (const task of TASKS) runs.push(await runChild(caseName, task));
    }
  }
  const measurements = (Object.keys(CASES) as CaseName[]).flatMap((caseName) =>
    TASKS.map((task) =>
      runs
        .filter((run) => run.case === caseName && run.task === task)
        .reduce((best, run) => (run.opsPerSecond > best.opsPerSecond ? run : best)),
    ),
  );
  const opsOf = (caseName: CaseName, task: TaskName): number =>
    measurements.find((m) => m.case === caseName && m.task === task)?.opsPerSecond ?? Number.NaN;

  const comparisons = (Object.keys(CASES) as CaseName[]).flatMap((caseName) => {
    const pairs: Array<[TaskName, TaskName, string]> = [
      ["render", "direct", "await registry.render() vs compiled()"],
      ["renderSync", "direct", "registry.renderSync() vs compiled()"],
      ["render", "direct-awaited", "await registry.render() vs await compiled()"],
    ];
    return pairs.map(([task, baseline, label]) => {
      const ratio = opsOf(caseName, task) / opsOf(caseName, baseline);
      return {
        case: caseName,
        task,
        baseline,
        label,
        ratio,
        target: TARGET_RATIO,
        pass: ratio >= TARGET_RATIO,
      };
    });
  });

  console.log("");
  console.log(
    `${"case".padEnd(6)} ${"task".padEnd(15)} ${"calls/s (median)".padStart(16)} ${"±rme".padStart(7)}`,
  );
  for (const m of measurements) {
    console.log(
      `${m.case.padEnd(6)} ${m.task.padEnd(15)} ${format(m.opsPerSecond).padStart(16)} ${`${m.relativeMarginOfError.toFixed(1)}%`.padStart(7)}`,
    );
  }
  console.log("");
  console.log(`${"case".padEnd(6)} ${"comparison".padEnd(46)} ${"ratio".padStart(6)}  target`);
  for (const c of comparisons) {
    console.log(
      `${c.case.padEnd(6)} ${c.label.padEnd(46)} ${c.ratio.toFixed(2).padStart(6)}  ≥ ${c.target}  ${c.pass ? "PASS" : "FAIL"}`,
    );
  }

  const resultsDirectory = fileURLToPath(new URL("./results/", import.meta.url));
  await mkdir(resultsDirectory, { recursive: true });
  await writeFile(
    join(resultsDirectory, "registry.json"),
    `${JSON.stringify(
      {
        benchmark: "registry",
        takenAt: new Date().toISOString(),
        machine,
        setup:
          "registry preloaded from a snapshot file (client pointed at a closed port); cache hits only; " +
          `${CALLS_PER_SAMPLE} calls per sample, median of samples, each (case, task) in its own process, ` +
          `best of ${ROUNDS} rounds`,
        cases: Object.fromEntries(
          Object.entries(CASES).map(([caseName, benchCase]) => [
            caseName,
            {
              characters: benchCase.content.length,
              utf8Bytes: Buffer.byteLength(benchCase.content),
              variables: extractVariables(benchCase.content).length,
            },
          ]),
        ),
        measurements,
        comparisons,
        allRounds: runs,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote bench/results/registry.json`);
}

const caseIndex = process.argv.indexOf("--case");
const taskIndex = process.argv.indexOf("--task");
if (caseIndex !== -1 && taskIndex !== -1) {
  await measure(process.argv[caseIndex + 1] as CaseName, process.argv[taskIndex + 1] as TaskName);
} else {
  await main();
}

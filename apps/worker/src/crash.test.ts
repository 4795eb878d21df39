import { existsSync, readFileSync, statSync } from "node:fs";
import { IMPORT_EXIT_CODES as ExitCode } from "@promptmill/importer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runWorker, startWorker } from "./__test__/run-worker.js";
import {
  startTestService,
  type TempDir,
  type TestService,
  tempDir,
} from "./__test__/test-service.js";

const ROWS = 3_000;
const KILLS = 5;
/** Every this many rows, one with a template syntax error: valid rows only may arrive. */
const BROKEN_EVERY = 97;

let svc: TestService;
let dir: TempDir;
beforeEach(async () => {
  svc = await startTestService();
  dir = tempDir();
});
afterEach(async () => {
  await svc.close();
  dir.remove();
});

/** Mulberry32: the kill moments follow from the seed, so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Rows appended to the file after each kill, as someone extending it between runs would. */
const ADDED_PER_EDIT = 100;

describe("promptmill-worker under SIGKILL", () => {
  it(`ends with exactly the valid rows after ${KILLS} kills at random moments, the file edited after each`, async () => {
    const seed = Number(process.env.PROMPTMILL_CRASH_SEED ?? Date.now() % 2 ** 31);
    // Printed so that a failure can be replayed: PROMPTMILL_CRASH_SEED=<seed> npx vitest run crash
    console.log(`crash test seed ${seed}`);
    const random = seededRandom(seed);

    let rows: string[][] = [];
    const valid: string[] = [];
    const addRows = (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const name = `crash-${i}`;
        if (i % BROKEN_EVERY === 0) rows.push([name, `broken \${ ${i}`]);
        else {
          rows.push([name, `第${i}个模板 \${topic}, line one\nline two`]);
          valid.push(name);
        }
      }
    };
    addRows(0, ROWS);
    const input = dir.csv("crash.csv", [["name", "content"], ...rows]);
    const journal = dir.file("crash.journal");
    const args = ["import", input, "--quiet", "--concurrency", "8", "--journal", journal];

    const moments: string[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const worker = startWorker(args, svc.env);
      let exited = false;
      void worker.done.then(() => {
        exited = true;
      });
      // The first kill lands anywhere from start-up on; the others once the run is busy
      // (its journal growing), so that most of them hit requests in flight.
      if (kill === 1) {
        await sleep(100 + random() * 1_500);
      } else {
        const startSize = existsSync(journal) ? statSync(journal).size : 0;
        while (!exited && (!existsSync(journal) || statSync(journal).size <= startSize + 200)) {
          await sleep(20);
        }
        await sleep(random() * 1_200);
      }
      worker.child.kill("SIGKILL");
      const result = await worker.done;
      moments.push(`${kill}: ${result.signal ?? `exit ${result.code}`}`);
      expect(result.signal, `kill ${kill} came after the worker had finished`).toBe("SIGKILL");
      // Between runs the file is extended and reordered: rows are known by their content.
      addRows(ROWS + (kill - 1) * ADDED_PER_EDIT, ADDED_PER_EDIT);
      rows = shuffle(rows, random);
      dir.csv("crash.csv", [["name", "content"], ...rows]);
    }
    console.log(`crash test kills: ${moments.join(", ")}`);

    const final = await runWorker([...args, "--json"], svc.env);
    expect(final.code, final.stderr).toBe(ExitCode.rejects);
    const summary = JSON.parse(final.stdout);
    console.log(
      `crash test final run: ${summary.doneEarlier} rows done earlier, ` +
        `${summary.reconciled} adopted after a kill, ${summary.duplicatesRemoved} duplicates removed`,
    );
    expect(summary).toMatchObject({
      status: "completed",
      resumed: true,
      created: valid.length,
      rejected: rows.length - valid.length,
    });

    const templates = await svc.list();
    const counts = new Map<string, number>();
    for (const template of templates)
      counts.set(template.name, (counts.get(template.name) ?? 0) + 1);
    const duplicates = [...counts].filter(([, count]) => count > 1);
    const missing = valid.filter((name) => !counts.has(name));
    const unexpected = [...counts.keys()].filter((name) => !valid.includes(name));
    expect({ duplicates, missing, unexpected }).toEqual({
      duplicates: [],
      missing: [],
      unexpected: [],
    });

    const report = readFileSync(dir.file("crash.report.csv"), "utf8");
    expect(report.split("\n").filter((line) => line !== "")).toHaveLength(rows.length + 1);
    const created = report.match(/,created,/g)?.length ?? 0;
    expect(created).toBe(valid.length);
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdirSync } from "node:fs";
import { IMPORT_EXIT_CODES } from "@promptmill/importer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { onSmallDisk } from "./__test__/full-disk.js";
import { BIN, CLI_BIN, runWorker, startWorker, type WorkerExit } from "./__test__/run-worker.js";
import {
  startTestService,
  type TempDir,
  type TestService,
  tempDir,
} from "./__test__/test-service.js";

/*
 * One exit-code table (IMPORT_EXIT_CODES, defined in the importer) for every program that
 * imports: `promptmill-worker import` and `promptmill import` give the same code for the same
 * outcome. Each case runs both programs, each on a copy of the input of its own.
 */

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

const PROGRAMS = {
  "promptmill-worker": [process.execPath, BIN],
  promptmill: [process.execPath, CLI_BIN],
} as const;
type Program = keyof typeof PROGRAMS;

const good = (prefix: string) =>
  Array.from({ length: 3 }, (_, i) => [`${prefix} ${i}`, `content ${i}`]);

/**
 * Runs `import <copy of rows> …args` with both programs at once, each on a file of its own
 * (so each has its own journal; names the other created are skipped, which changes no exit
 * code).
 */
async function bothImport(
  label: string,
  rows: string[][],
  args: readonly string[],
  env: Record<string, string> = svc.env,
): Promise<Record<Program, WorkerExit>> {
  const entries = Object.entries(PROGRAMS) as [Program, readonly string[]][];
  const runs = await Promise.all(
    entries.map(([program, command]) => {
      const input = dir.csv(`${label}-${program}.csv`, [["name", "content"], ...rows]);
      return runWorker(["import", input, ...args], env, command);
    }),
  );
  return Object.fromEntries(entries.map(([program], i) => [program, runs[i]])) as Record<
    Program,
    WorkerExit
  >;
}

function expectSameCode(results: Record<Program, WorkerExit>, code: number): void {
  expect(results["promptmill-worker"].code, results["promptmill-worker"].stderr).toBe(code);
  expect(results.promptmill.code, results.promptmill.stderr).toBe(code);
}

describe("the exit codes of both programs that import", () => {
  it("0 when every row is imported, 3 when rows are rejected (a dry run too)", async () => {
    expectSameCode(await bothImport("ok", good("ok"), []), IMPORT_EXIT_CODES.ok);
    const bad = [...good("bad"), ["broken", "Hello ${"]];
    expectSameCode(await bothImport("dry", bad, ["--dry-run"]), IMPORT_EXIT_CODES.rejects);
    expectSameCode(await bothImport("rejects", bad, []), IMPORT_EXIT_CODES.rejects);
  });

  it("1 for usage and configuration errors, before anything is sent", async () => {
    const { PROMPTMILL_WORKSPACE: _, ...noWorkspace } = svc.env;
    expectSameCode(await bothImport("usage", good("u"), [], noWorkspace), IMPORT_EXIT_CODES.usage);
    expectSameCode(
      await bothImport("plan", good("p"), ["--plan", dir.file("p.csv")]),
      IMPORT_EXIT_CODES.usage,
    );
    expect(await svc.list()).toEqual([]);
  });

  it("2 when the service cannot be reached, or refuses the credentials", async () => {
    const unreachable = { ...svc.env, PROMPTMILL_ENDPOINT: "http://127.0.0.1:9" };
    expectSameCode(await bothImport("down", good("d"), [], unreachable), IMPORT_EXIT_CODES.service);
    const refused = { ...svc.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-secret-0000000000" };
    const results = await bothImport("auth", good("a"), [], refused);
    expectSameCode(results, IMPORT_EXIT_CODES.service);
    expect(results.promptmill.stdout + results.promptmill.stderr).toMatch(/SignatureDoesNotMatch/);
    expect(await svc.list()).toEqual([]);
  });

  it("5 when a file of the job cannot be written while it runs (a full disk)", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`disk ${i}`, `content ${i}`]);
    const results = {} as Record<Program, WorkerExit>;
    for (const [program, command] of Object.entries(PROGRAMS) as [Program, readonly string[]][]) {
      const disk = dir.file(`disk-${program}`);
      const kept = dir.file(`kept-${program}`);
      mkdirSync(disk);
      mkdirSync(kept);
      const input = dir.csv(`disk-${program}.csv`, [["name", "content"], ...rows]);
      results[program] = await runWorker(
        [
          "import",
          input,
          "--journal",
          `${disk}/j.journal`,
          "--report",
          dir.file(`${program}.r.csv`),
        ],
        { ...svc.env, PROMPTMILL_WORKSPACE: svc.workspaceId },
        onSmallDisk(disk, 16, kept, command),
      );
    }
    expectSameCode(results, IMPORT_EXIT_CODES.files);
  });

  it("130 when interrupted (SIGINT), and then 0 when the same command resumes", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`int ${i}`, `content ${i}`]);
    for (const [program, command] of Object.entries(PROGRAMS) as [Program, readonly string[]][]) {
      const prefix = program === "promptmill" ? "cli" : "worker";
      const input = dir.csv(`int-${program}.csv`, [
        ["name", "content"],
        ...rows.map(([name, content]) => [`${prefix} ${name}`, content as string]),
      ]);
      const args = ["import", input, "--rps", "50", "--concurrency", "2"];
      const run = startWorker(args, svc.env, command);
      while ((await svc.list()).filter((t) => t.name.startsWith(`${prefix} `)).length < 10) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      run.child.kill("SIGINT");
      const interrupted = await run.done;
      expect(interrupted.code, `${program}: ${interrupted.stderr}`).toBe(
        IMPORT_EXIT_CODES.interrupted,
      );
      const resumed = await runWorker(
        args.filter((arg) => arg !== "--rps" && arg !== "50"),
        svc.env,
        command,
      );
      expect(resumed.code, `${program}: ${resumed.stderr}`).toBe(IMPORT_EXIT_CODES.ok);
    }
  });
});

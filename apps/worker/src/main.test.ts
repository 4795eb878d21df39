import { readFileSync } from "node:fs";
import { defaultJobFiles, IMPORT_EXIT_CODES as ExitCode } from "@promptmill/importer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runWorker, startWorker } from "./__test__/run-worker.js";
import {
  startTestService,
  type TempDir,
  type TestService,
  tempDir,
} from "./__test__/test-service.js";

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

const rows = (count: number, prefix = "t") =>
  Array.from({ length: count }, (_, i) => [`${prefix}${i}`, `Hello \${user} ${i}`, "user"]);

describe("promptmill-worker import", () => {
  it("imports a file, prints a text summary on stderr and JSON on stdout, exits 0", async () => {
    const input = dir.csv("ok.csv", [["name", "content", "variables"], ...rows(30)]);
    const run = await runWorker(["import", input, "--json"], svc.env);
    expect(run.code).toBe(ExitCode.ok);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ status: "completed", created: 30, exitCode: 0 });
    expect(summary.resources.maxRssBytes).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/Import completed: 30 rows/);
    expect(run.stderr).not.toContain(svc.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
    expect((await svc.list()).length).toBe(30);
    const report = readFileSync(summary.reportFile, "utf8").trim().split("\n");
    expect(report).toHaveLength(31);
  });

  it("exits 3 when rows were rejected, naming the reject file", async () => {
    const input = dir.csv("some-bad.csv", [
      ["name", "content", "variables"],
      ...rows(3),
      ["broken", "Hello ${", ""],
    ]);
    const run = await runWorker(["import", input, "--quiet"], svc.env);
    expect(run.code).toBe(ExitCode.rejects);
    expect(run.stderr).toBe("");
    const target = { workspaceId: svc.workspaceId, endpoint: svc.env.PROMPTMILL_ENDPOINT ?? "" };
    expect(readFileSync(defaultJobFiles(input, target).rejectFile, "utf8")).toMatch(
      /broken,.*template-syntax/,
    );
  });

  it("exits 2 when the service refuses the credentials, without printing the secret", async () => {
    const input = dir.csv("auth.csv", [["name", "content", "variables"], ...rows(2)]);
    const secret = "not-the-secret-0123456789";
    const run = await runWorker(["import", input], {
      ...svc.env,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret,
    });
    expect(run.code).toBe(ExitCode.service);
    expect(run.stderr).toMatch(/SignatureDoesNotMatch/);
    expect(run.stderr).not.toContain(secret);
    expect(await svc.list()).toEqual([]);
  });

  it("exits 1 on usage and configuration errors, sending nothing", async () => {
    const input = dir.csv("usage.csv", [
      ["name", "content", "owner"],
      ["a", "A", "me"],
    ]);
    const { PROMPTMILL_WORKSPACE: _, ...noWorkspace } = svc.env;
    const cases = [
      { args: ["import", input], env: noWorkspace, message: /No workspace/ },
      { args: ["import", input], env: svc.env, message: /unknown column "owner"/ },
      { args: ["import", dir.file("missing.csv")], env: svc.env, message: /cannot read/ },
      { args: ["import", input, "--concurrency", "0"], env: svc.env, message: /whole number/ },
      {
        args: ["import", input, "--on-existing", "merge"],
        env: svc.env,
        message: /Allowed choices/,
      },
      { args: ["export"], env: svc.env, message: /unknown command/ },
      {
        args: ["import", input, "--access-key-id", "LTAIother"],
        env: { PROMPTMILL_ENDPOINT: svc.env.PROMPTMILL_ENDPOINT ?? "", PROMPTMILL_WORKSPACE: "w" },
        message: /No secret for AccessKey LTAIother/,
      },
    ];
    const runs = await Promise.all(cases.map(({ args, env }) => runWorker(args, env)));
    cases.forEach(({ args, message }, i) => {
      expect(runs[i]?.code, args.join(" ")).toBe(ExitCode.usage);
      expect(runs[i]?.stderr, args.join(" ")).toMatch(message);
    });
    expect(await svc.list()).toEqual([]);
  });

  it("exits 1 when a job file cannot be written, and honours --rps", async () => {
    const input = dir.csv("rps.csv", [["name", "content", "variables"], ...rows(12)]);
    const blocked = await runWorker(
      ["import", input, "--report", dir.file("no/such/dir/r.csv")],
      svc.env,
    );
    expect(blocked.code).toBe(ExitCode.usage);
    expect(blocked.stderr).toMatch(/cannot write .*no\/such\/dir\/r\.csv/);
    expect(await svc.list()).toEqual([]);

    const limited = await runWorker(["import", input, "--rps", "40", "--json", "--quiet"], svc.env);
    expect(limited.code).toBe(ExitCode.ok);
    expect(JSON.parse(limited.stdout)).toMatchObject({ created: 12, resumed: false });
  });

  it("takes the secret for --access-key-id from the environment", async () => {
    const input = dir.csv("key.csv", [["name", "content", "variables"], ...rows(2)]);
    const { ALIBABA_CLOUD_ACCESS_KEY_ID: id = "", ...env } = svc.env;
    const run = await runWorker(["import", input, "--access-key-id", id, "--quiet"], env);
    expect(run.code).toBe(ExitCode.ok);
    expect((await svc.list()).length).toBe(2);
  });

  it("prints the plan of a dry run and writes nothing", async () => {
    const input = dir.csv("dry.csv", [
      ["name", "content", "variables"],
      ...rows(4),
      ["broken", "Hello ${", ""],
    ]);
    const run = await runWorker(["import", input, "--dry-run"], svc.env);
    expect(run.code).toBe(ExitCode.rejects);
    expect(run.stdout).toMatch(/5 rows: create 4, update 0, skip 0, conflict 0, reject 1, done 0/);
    expect(run.stdout).toMatch(/line 6 "broken": template-syntax/);
    const json = await runWorker(["import", input, "--dry-run", "--json"], svc.env);
    expect(JSON.parse(json.stdout).counts).toMatchObject({ create: 4, reject: 1 });
    expect(await svc.list()).toEqual([]);
  });

  it("stops cleanly on SIGINT with exit 130, and the same command resumes the job", async () => {
    const all = rows(2000);
    const input = dir.csv("big.csv", [["name", "content", "variables"], ...all]);
    const worker = startWorker(["import", input, "--json"], svc.env);
    // Interrupt once rows are being created (the report file only fills in at the end).
    while ((await svc.list().then((list) => list.length)) < 100) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    worker.child.kill("SIGINT");
    const interrupted = await worker.done;
    expect(interrupted.code).toBe(ExitCode.interrupted);
    const summary = JSON.parse(interrupted.stdout);
    expect(summary.status).toBe("interrupted");
    expect(interrupted.stderr).toMatch(/run the same command again to resume/);

    const resumed = await runWorker(["import", input, "--json"], svc.env);
    expect(resumed.code).toBe(ExitCode.ok);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ resumed: true, created: 2000 });
    const names = (await svc.list()).map((t) => t.name);
    expect(names).toHaveLength(2000);
    expect(new Set(names).size).toBe(2000);
  });
});

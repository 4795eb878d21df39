import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { iteratePromptTemplates, ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, spawnCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let client: ModelStudioClient;
let directory: string;

beforeAll(async () => {
  test = await startTestService({ workspaces: 5 });
  client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  directory = await mkdtemp(join(tmpdir(), "promptmill-import-"));
});
afterAll(async () => {
  await test.close();
  await rm(directory, { recursive: true, force: true });
});

async function customTemplates(workspaceId: string) {
  const templates: Array<{ name: string; content: string }> = [];
  for await (const template of iteratePromptTemplates(client, { workspaceId, type: "Custom" })) {
    templates.push(template);
  }
  return templates;
}

async function fixtureCopy(name: string): Promise<string> {
  const file = join(directory, name);
  await copyFile(join(import.meta.dirname, "__fixtures__", name), file);
  return file;
}

describe("promptmill import", () => {
  it("dry-runs without writing, then imports, rejecting the broken row (exit 3)", async () => {
    const csv = await fixtureCopy("import-sample.csv");
    const workspace = test.key.workspaces[0] ?? "";

    const plan = await runCli(["import", csv, "--dry-run"], { env: test.env });
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain("4 rows: create 3, update 0, skip 0, conflict 0, reject 1");
    expect(plan.stdout).toContain('line 6 "Broken row": template-syntax');
    expect(await customTemplates(workspace)).toEqual([]);

    const run = await runCli(["import", csv], { env: test.env });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("Import completed: 4 rows");
    expect(run.stdout).toContain("created 3, updated 0, skipped 0, rejected 1");
    expect(run.stderr).toContain("done 100%");
    const names = (await customTemplates(workspace)).map((template) => template.name).sort();
    expect(names).toEqual(["No variables", "Summary, short", "小红书文案"]);
    const target = `${workspace}@${new URL(test.service.endpoint).host.replace(":", "-")}`;
    const rejects = await readFile(join(directory, `import-sample.${target}.rejects.csv`), "utf8");
    expect(rejects).toContain("Broken row");
    expect(rejects).toContain("template-syntax");

    const again = await runCli(["import", csv, "--json", "--quiet"], { env: test.env });
    const summary = JSON.parse(again.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      status: "completed",
      created: 3,
      rejected: 1,
      resumed: true,
      sent: 0,
      doneEarlier: 3,
    });
    expect(again.stderr).toBe("");
    expect(await customTemplates(workspace)).toHaveLength(3);
  });

  it("runs a finished file again after an edit, into another workspace, and as a dry run with a full plan", async () => {
    const [first = "", second = ""] = test.key.workspaces.slice(3);
    const csv = join(directory, "again.csv");
    await writeFile(csv, "name,content\na,A\nb,B\n");
    const env = { ...test.env, PROMPTMILL_WORKSPACE: first };
    expect((await runCli(["import", csv, "--quiet"], { env })).code).toBe(0);

    // Edited and extended: the same command again, a dry run of it, and a run with another mode.
    await writeFile(csv, "name,content\nb,B\nc,C\na,A changed\n");
    const plan = await runCli(["import", csv, "--dry-run", "--plan", join(directory, "plan.csv")], {
      env,
    });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      "3 rows: create 1, update 0, skip 1, conflict 0, reject 0, done 1",
    );
    expect(await readFile(join(directory, "plan.csv"), "utf8")).toContain("3,c,create");
    const rerun = await runCli(["import", csv, "--json", "--quiet"], { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ sent: 1, created: 2, skipped: 1 });
    const update = await runCli(["import", csv, "--on-existing", "update", "--json", "--quiet"], {
      env,
    });
    expect(JSON.parse(update.stdout)).toMatchObject({ sent: 1, updated: 1, doneEarlier: 2 });

    // The round trip `export --help` shows: the exported file into another workspace.
    const exported = join(directory, "exported.csv");
    expect((await runCli(["export", "--out", exported], { env })).code).toBe(0);
    const into = await runCli(["--workspace", second, "import", exported, "--json", "--quiet"], {
      env,
    });
    expect(into.code, into.stderr).toBe(0);
    expect(JSON.parse(into.stdout)).toMatchObject({ created: 3, sent: 3 });
    expect((await customTemplates(second)).map((t) => t.content).sort()).toEqual([
      "A changed",
      "B",
      "C",
    ]);
  });

  it("skips or updates names that exist (--on-existing)", async () => {
    const workspace = test.key.workspaces[1] ?? "";
    await client.createPromptTemplate({
      workspaceId: workspace,
      name: "No variables",
      content: "Old text.",
    });
    const csv = join(directory, "existing.csv");
    await writeFile(csv, "name,content\nNo variables,Say hello.\n");
    const env = { ...test.env, PROMPTMILL_WORKSPACE: workspace };

    const skipped = await runCli(["import", csv, "--journal", join(directory, "skip.journal")], {
      env,
    });
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain("skipped 1");
    const updated = await runCli(
      ["import", csv, "--on-existing", "update", "--journal", join(directory, "update.journal")],
      { env },
    );
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain("updated 1");
    expect(await customTemplates(workspace)).toEqual([
      expect.objectContaining({ content: "Say hello." }),
    ]);
  });

  it("explains a CSV it cannot use (exit 1) and a file that is not there", async () => {
    const csv = await fixtureCopy("bad-header.csv");
    const bad = await runCli(["import", csv], { env: test.env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: The CSV header cannot be used: .*"text"/);
    expect(bad.stderr).not.toContain("    at ");

    const missing = await runCli(["import", join(directory, "nope.csv")], { env: test.env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*nope\.csv/);

    const planWithoutDryRun = await runCli(["import", csv, "--plan", "p.csv"], { env: test.env });
    expect(planWithoutDryRun.code).toBe(1);
    expect(planWithoutDryRun.stderr).toContain("--plan writes the plan of a dry run");

    const badOption = await runCli(["import", csv, "--concurrency", "0"], { env: test.env });
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain("expected a whole number of 1 or more");
  });

  it("stops on SIGINT (exit 130) and the same command resumes: every row exactly once", async () => {
    const workspace = test.key.workspaces[2] ?? "";
    const env = { ...test.env, PROMPTMILL_WORKSPACE: workspace };
    const rows = Array.from(
      { length: 60 },
      (_, index) => `模板 ${index},第 ${index} 个：\${topic},topic`,
    );
    const csv = join(directory, "interrupted.csv");
    await writeFile(csv, `name,content,variables\n${rows.join("\n")}\n`);

    const child = spawnCli(["import", csv, "--rps", "20", "--concurrency", "1"], { env });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) =>
      child.on("close", (code) => resolve(code)),
    );
    // Interrupt once a few rows are in: the service itself says when.
    for (;;) {
      const created = (await customTemplates(workspace)).length;
      if (created >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stdout).toContain("Import interrupted");
    const partial = (await customTemplates(workspace)).length;
    expect(partial).toBeGreaterThanOrEqual(5);
    expect(partial).toBeLessThan(60);
    const journal = `interrupted.${workspace}@${new URL(test.service.endpoint).host.replace(":", "-")}.journal`;
    expect((await stat(join(directory, journal))).size).toBeGreaterThan(0);

    const resumed = await runCli(["import", csv, "--rps", "20", "--concurrency", "1"], { env });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("resumed");
    const names = (await customTemplates(workspace)).map((template) => template.name);
    expect(names).toHaveLength(60);
    expect(new Set(names).size).toBe(60);
  });
});

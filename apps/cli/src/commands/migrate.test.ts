// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { iteratePromptTemplates, ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let client: ModelStudioClient;
let directory: string;
let from: string;
let to: string;

beforeAll(async () => {
  test = await startTestService({ workspaces: 4 });
  [from = "", to = ""] = test.key.workspaces;
  client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  directory = await mkdtemp(join(tmpdir(), "promptmill-migrate-"));
  const create = (workspaceId: string, name: string, content: string) =>
    client.createPromptTemplate({ workspaceId, name, content });
  await create(from, "周报-产品经理", "整理周报：${notes}");
  await create(from, "Code review - Go", "Review ${diff} (v2, stricter)");
  await create(from, "Translate - UI", "Translate ${text} into ${language}");
  await create(to, "Code review - Go", "Review ${diff}");
  await create(to, "Translate - UI", "Translate ${text} into ${language}");
});
afterAll(async () => {
  await test.close();
  await rm(directory, { recursive: true, force: true });
});

async function contents(workspaceId: string): Promise<Record<string, string>> {
  const byName: Record<string, string> = {};
  for await (const template of iteratePromptTemplates(client, { workspaceId, type: "Custom" })) {
    byName[template.name] = template.content;
  }
  return byName;
}

describe("promptmill migrate", () => {
  it("shows new / changed / same in a dry run, then applies the difference", async () => {
    const args = [
      "migrate",
      "--from-workspace",
      from,
      "--to-workspace",
      to,
      "--work-dir",
      directory,
    ];
    const before = await contents(to);

    const dryRun = await runCli([...args, "--dry-run"], { env: test.env });
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("  new      1\n  changed  1\n  same     1\n");
    expect(dryRun.stdout).toContain("+ 周报-产品经理\n~ Code review - Go\n");
    expect(dryRun.stdout).toContain("dry run: nothing was sent to the target");
    expect(await contents(to)).toEqual(before);

    const json = await runCli([...args, "--dry-run", "--json"], { env: test.env });
    expect(JSON.parse(json.stdout)).toMatchObject({
      from,
      to,
      added: ["周报-产品经理"],
      changed: ["Code review - Go"],
      same: ["Translate - UI"],
    });

    const applied = await runCli(args, { env: test.env });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("created 1, updated 1, skipped 1");
    expect(await contents(to)).toEqual(await contents(from));

    const again = await runCli(args, { env: test.env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("  new      0\n  changed  0\n  same     3\n");
    expect(again.stdout).toContain("nothing to migrate");

    // Someone edits the copy in the target; the next migration puts the source's back.
    const target = await client.listPromptTemplates({ workspaceId: to, name: "Translate - UI" });
    const edited = target.promptTemplates[0]?.promptTemplateId ?? "";
    await client.updatePromptTemplate({ workspaceId: to, promptTemplateId: edited, content: "x" });
    const back = await runCli(args, { env: test.env });
    expect(back.code).toBe(0);
    expect(back.stdout).toContain("  new      0\n  changed  1\n  same     2\n~ Translate - UI\n");
    expect(await contents(to)).toEqual(await contents(from));
  });

  it("flags what it will not migrate, as the import it runs decides", async () => {
    const [, , source = "", target = ""] = test.key.workspaces;
    const create = (workspaceId: string, name: string, content: string) =>
      client.createPromptTemplate({ workspaceId, name, content });
    await create(source, "twice", "first");
    await create(source, "twice", "second");
    await create(source, "shared", "mine");
    await create(target, "shared", "one");
    await create(target, "shared", "two");
    const run = await runCli(
      [
        "migrate",
        "--from-workspace",
        source,
        "--to-workspace",
        target,
        "--work-dir",
        `${directory}/flags`,
        "--dry-run",
      ],
      { env: test.env },
    );
    expect(run.stdout).toContain("! twice: the source has this name more than once");
    expect(run.stdout).toContain("! shared: the target has this name more than once");
    // Rows the run would reject or find in conflict: the importer's exit code for them.
    expect(run.code).toBe(3);
  });

  it("needs both workspaces, and two different ones", async () => {
    const missing = await runCli(["migrate", "--from-workspace", from], { env: test.env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error: required option '--to-workspace <id>' not specified");
    const same = await runCli(["migrate", "--from-workspace", from, "--to-workspace", from], {
      env: test.env,
    });
    expect(same.code).toBe(1);
    expect(same.stderr).toContain("are the same workspace");
  });
});

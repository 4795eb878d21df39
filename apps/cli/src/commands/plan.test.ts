// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let client: ModelStudioClient;
let dir: string;

beforeAll(async () => {
  test = await startTestService();
  client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  dir = join(test.directory, "prompts");
  for (const [name, content] of [
    ["小红书文案", "写一篇关于${theme}的笔记"],
    ["code review", "Review this ${language} code"],
  ]) {
    await client.createPromptTemplate({
      workspaceId: test.workspaceId,
      name: name ?? "",
      content: content ?? "",
    });
  }
});
afterAll(() => test.close());

const cli = (...args: string[]) => runCli(args, { env: test.env });

describe("promptmill pull, plan and apply", () => {
  it("keeps a folder and the workspace in step, with Terraform's exit codes for CI", async () => {
    const pulled = await cli("pull", dir);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toContain("+ 小红书文案.prompt");
    expect((await readdir(dir)).sort()).toEqual(["code review.prompt", "小红书文案.prompt"]);

    const clean = await cli("plan", dir, "--detailed-exitcode");
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain("0 to create, 0 to update, 2 unchanged");

    const file = join(dir, "code review.prompt");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("Review this", "Review carefully this"),
    );
    await writeFile(join(dir, "greeting.prompt"), "Hello ${who}");
    const planned = await cli(
      "plan",
      dir,
      "--detailed-exitcode",
      "--out",
      join(test.directory, "p.plan"),
    );
    expect(planned.code, planned.stderr).toBe(2);
    expect(planned.stdout).toContain("+ create  greeting.prompt");
    expect(planned.stdout).toContain("-Review this ${language} code");
    expect(planned.stdout).toContain("+Review carefully this ${language} code");

    const applied = await cli("apply", dir, join(test.directory, "p.plan"));
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain("applied: 1 template created, 1 updated");
    expect(await readFile(join(dir, "greeting.prompt"), "utf8")).toMatch(
      /^---\nname: "greeting"\n/,
    );
    expect((await cli("plan", dir, "--detailed-exitcode")).code).toBe(0);
  });

  it("exits 2 on drift made in the workspace, and refuses a plan that drift made stale", async () => {
    await cli("pull", dir);
    const saved = join(test.directory, "stale.plan");
    expect((await cli("plan", dir, "--out", saved)).code).toBe(0);
    const page = await client.listPromptTemplates({
      workspaceId: test.workspaceId,
      name: "小红书",
      type: "Custom",
    });
    await client.updatePromptTemplate({
      workspaceId: test.workspaceId,
      promptTemplateId: page.promptTemplates[0]?.promptTemplateId ?? "",
      content: "changed in the console",
    });
    const drift = await cli("plan", dir, "--detailed-exitcode");
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("-changed in the console");

    const stale = await cli("apply", dir, saved);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("the workspace changed since the plan was made");
    // The folder wins once asked to.
    expect((await cli("apply", dir)).code).toBe(0);
    expect((await cli("plan", dir, "--detailed-exitcode")).code).toBe(0);
  });

  it("exits 1 for any error under --detailed-exitcode, naming the file and place", async () => {
    await writeFile(join(dir, "broken.prompt"), "Hi ${name");
    const broken = await cli("plan", dir, "--detailed-exitcode");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("broken.prompt:1:4 unterminated-placeholder");
    const unreachable = await runCli(["plan", dir, "--detailed-exitcode"], {
      env: { ...test.env, PROMPTMILL_ENDPOINT: "http://127.0.0.1:9" },
    });
    expect(unreachable.code).toBe(1);
    await writeFile(join(dir, "broken.prompt"), "Hi ${name}");
  });
});

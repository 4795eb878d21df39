// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { iteratePromptTemplates, ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let client: ModelStudioClient;
let directory: string;
let source: string;
let target: string;

// Text that breaks naive CSV: quotes, commas, CRLF and LF inside fields, an escaped `$${`, emoji.
const tricky = [
  { name: "小红书文案", content: "写一篇关于${theme}的笔记，语气${tone}。" },
  {
    name: 'Quote "this", please',
    content: 'Say "${word}", then stop.\r\nSecond line, with a comma.',
  },
  { name: "Shell help", content: "Explain $HOME and $${PATH} in ${shell}.\n🚀 done" },
  { name: "No variables", content: "Reply with OK." },
];

beforeAll(async () => {
  test = await startTestService({ workspaces: 2 });
  [source = "", target = ""] = test.key.workspaces;
  client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  directory = await mkdtemp(join(tmpdir(), "promptmill-export-"));
  for (const template of tricky)
    await client.createPromptTemplate({ workspaceId: source, ...template });
});
afterAll(async () => {
  await test.close();
  await rm(directory, { recursive: true, force: true });
});

async function customTemplates(workspaceId: string) {
  const templates: Array<{ name: string; content: string; variables: string[] }> = [];
  for await (const { name, content, variables } of iteratePromptTemplates(client, {
    workspaceId,
    type: "Custom",
  })) {
    templates.push({ name, content, variables });
  }
  // The importer sends rows concurrently, so creation order (List's order) may differ.
  return templates.sort((a, b) => a.name.localeCompare(b.name));
}

describe("promptmill export", () => {
  it("writes name,content,variables that import reads back unchanged into another workspace", async () => {
    const file = join(directory, "export.csv");
    const exported = await runCli(["export", "--out", file, "--json"], { env: test.env });
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({ file, workspaceId: source, templates: 4 });
    const csv = await readFile(file, "utf8");
    expect(csv.startsWith("name,content,variables\r\n小红书文案,")).toBe(true);

    const imported = await runCli(["import", file, "--workspace", target], { env: test.env });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("created 4");
    expect(await customTemplates(target)).toEqual(await customTemplates(source));
  });

  it("writes the same CSV to stdout, and filters by type and keyword", async () => {
    // The first test wrote export.csv from the same, unchanged workspace.
    const toStdout = await runCli(["export", "--quiet"], { env: test.env });
    expect(toStdout.stdout).toBe(await readFile(join(directory, "export.csv"), "utf8"));
    expect(toStdout.stderr).toBe("");

    const system = await runCli(["export", "--type", "System"], { env: test.env });
    const systemRows = system.stdout.split("\r\n").filter((line) => line !== "");
    expect(systemRows.length).toBeGreaterThan(1);
    expect(system.stdout).not.toContain("小红书文案,");
    const keyword = await runCli(["export", "--name", "Shell"], { env: test.env });
    expect(keyword.stdout.startsWith("name,content,variables\r\nShell help,")).toBe(true);
    expect(keyword.stdout).not.toContain("No variables");
    expect(keyword.stderr).toBe(`exported 1 template from ${source}\n`);
  });

  it("says so when the output file cannot be written", async () => {
    const result = await runCli(["export", "--out", join(directory, "missing-dir", "x.csv")], {
      env: test.env,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: cannot write \S+\/missing-dir\/x\.csv: the directory \S+\/missing-dir does not exist\n$/,
    );
  });
});

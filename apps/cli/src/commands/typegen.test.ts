// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPromptRegistry, ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let client: ModelStudioClient;
let directory: string;

beforeAll(async () => {
  test = await startTestService();
  client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  directory = await mkdtemp(join(tmpdir(), "promptmill-typegen-"));
  await client.createPromptTemplate({
    workspaceId: test.workspaceId,
    name: "小红书文案",
    content: "写一篇关于${theme}的笔记，语气${tone}。",
  });
  await client.createPromptTemplate({
    workspaceId: test.workspaceId,
    name: "plain",
    content: "OK",
  });
});
afterAll(async () => {
  await test.close();
  await rm(directory, { recursive: true, force: true });
});

describe("promptmill typegen", () => {
  it("prints a module typing each template's variables", async () => {
    const result = await runCli(["typegen", "--type", "Custom"], { env: test.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("export interface PromptVariables {");
    expect(result.stdout).toContain(
      '"小红书文案": { theme: string | number; tone: string | number };',
    );
    expect(result.stdout).toContain("plain: Record<string, never>;");
    expect(result.stdout).toContain("export type PromptName = keyof PromptVariables;");
  });

  it("writes the module from a registry snapshot without the service", async () => {
    const snapshot = join(directory, "snapshot.json");
    const registry = createPromptRegistry({ client, workspaceId: test.workspaceId });
    await registry.snapshot(snapshot);
    registry.close();
    const out = join(directory, "prompts.generated.ts");
    const result = await runCli([
      "typegen",
      "--snapshot",
      snapshot,
      "--out",
      out,
      "--interface-name",
      "Prompts",
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^wrote types for \d+ templates from .*snapshot\.json to .*prompts\.generated\.ts\n$/,
    );
    const source = await readFile(out, "utf8");
    expect(source).toContain("export interface Prompts {");
    expect(source).toContain('"小红书文案": { theme: string | number; tone: string | number };');
  });

  it("says which directory is missing when --out cannot be written (exit 1)", async () => {
    const out = join(directory, "no-such-dir", "prompts.ts");
    const result = await runCli(["typegen", "--out", out], { env: test.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: cannot write ${out}: the directory ${join(directory, "no-such-dir")} does not exist\n`,
    );
  });

  it("refuses a file that is not a snapshot", async () => {
    const result = await runCli([
      "typegen",
      "--snapshot",
      "apps/cli/src/commands/__fixtures__/valid-template.txt",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("not valid JSON");
  });
});

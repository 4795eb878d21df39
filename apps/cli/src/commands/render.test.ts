// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let client: ModelStudioClient;
let directory: string;
let xhsId: string;

beforeAll(async () => {
  test = await startTestService();
  directory = await mkdtemp(join(tmpdir(), "promptmill-render-"));
  client = new ModelStudioClient({
    endpoint: test.service.endpoint,
    credentials: test.key,
    retry: false,
  });
  const workspaceId = test.workspaceId;
  xhsId = (
    await client.createPromptTemplate({
      workspaceId,
      name: "小红书文案",
      content: "写一篇关于${theme}的笔记，语气${tone}。",
    })
  ).promptTemplateId;
  for (let copy = 0; copy < 2; copy += 1) {
    await client.createPromptTemplate({ workspaceId, name: "twin", content: `copy ${copy} \${x}` });
  }
});

afterAll(async () => {
  await test.close();
  await rm(directory, { recursive: true, force: true });
});

describe("promptmill render", () => {
  it("renders --content with --var values", async () => {
    const result = await runCli([
      "render",
      "--content",
      "Hello ${who}, a=${a}",
      "--var",
      "who=world",
      "--var",
      "a=b=c",
    ]);
    expect(result).toMatchObject({ code: 0, stdout: "Hello world, a=b=c\n", stderr: "" });
  });

  it("fails with exit 4 naming every missing variable in strict mode", async () => {
    const result = await runCli(["render", "--content", "${greeting}, ${who}!"]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("error: no value for greeting, who");
  });

  it("keeps or empties missing placeholders with --mode keep / lenient", async () => {
    const keep = await runCli(["render", "--content", "Hi ${ who }!", "--mode", "keep"]);
    expect(keep.stdout).toBe("Hi ${ who }!\n");
    const lenient = await runCli(["render", "--content", "Hi ${who}!", "--mode", "lenient"]);
    expect(lenient.stdout).toBe("Hi !\n");
    const bad = await runCli(["render", "--content", "x", "--mode", "loose"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("argument 'loose' is invalid");
  });

  it("reads values from --vars-file, with --var winning", async () => {
    const file = join(directory, "values.json");
    await writeFile(file, JSON.stringify({ theme: "杭州美食", tone: "活泼" }));
    const result = await runCli(["render", xhsId, "--vars-file", file, "--var", "tone=真诚"], {
      env: test.env,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("写一篇关于杭州美食的笔记，语气真诚。\n");
  });

  it("finds a template by its exact name, and prints JSON with --json", async () => {
    const result = await runCli(
      ["render", "--name", "小红书文案", "--var", "theme=春天", "--var", "tone=温柔", "--json"],
      { env: test.env },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      id: xhsId,
      name: "小红书文案",
      variables: ["theme", "tone"],
      mode: "strict",
      text: "写一篇关于春天的笔记，语气温柔。",
    });
  });

  it("refuses a name several templates carry, listing their ids", async () => {
    const result = await runCli(["render", "--name", "twin", "--var", "x=1"], { env: test.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: 2 prompt templates are named "twin" .*\(ids [0-9a-f]{32}, [0-9a-f]{32}\)/,
    );
  });

  it("reports an unknown name and an unknown id", async () => {
    // The listing worked: the name given is the mistake (exit 1), not the service.
    const byName = await runCli(["render", "--name", "nope"], { env: test.env });
    expect(byName.code).toBe(1);
    expect(byName.stderr).toContain('No prompt template named "nope"');
    const byId = await runCli(["render", "0123456789abcdef0123456789abcdef"], { env: test.env });
    expect(byId.code).toBe(2);
    expect(byId.stderr).toMatch(
      /^error: PromptTemplate\.TemplateNotFound: .+ \(request [0-9A-F-]{36}\)\n$/,
    );
  });

  it("refuses to render a binary file", async () => {
    const result = await runCli(["render", "--file", process.execPath, "--mode", "keep"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^error: cannot read \S+: a NUL byte at byte offset \d+: a binary file, not text\n$/,
    );
  });

  it("warns about a --var the template does not use (a typo, most often)", async () => {
    const result = await runCli([
      "render",
      "--content",
      "Hi ${name}",
      "--var",
      "name=Ann",
      "--var",
      "nmae=Bob",
      "--var",
      "x=1",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Hi Ann\n");
    expect(result.stderr).toBe("warning: --var nmae, x: not used by the template (it uses name)\n");
    const quiet = await runCli(["render", "--content", "Hi ${name}", "--var", "name=Ann"]);
    expect(quiet.stderr).toBe("");
  });

  it("reports template syntax errors with line:column, exit 4", async () => {
    const result = await runCli(["render", "--content", "第一行\n请翻译${text"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("error: the template has syntax errors");
    expect(result.stderr).toContain("2:4 unterminated-placeholder");
  });

  it("asks for exactly one template source", async () => {
    const none = await runCli(["render"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("which template?");
    const two = await runCli(["render", "--content", "x", "--file", "y.txt"]);
    expect(two.code).toBe(1);
    expect(two.stderr).toContain(
      "pass only one of ID, --name, --file, --content (got --file, --content)",
    );
  });
});

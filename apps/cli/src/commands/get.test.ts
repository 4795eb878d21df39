// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let id: string;
let evilId: string;
const evilContent = "Line 1\u001b[2J\u001b]0;pwned\u0007\n\tLine 2\rX";

beforeAll(async () => {
  test = await startTestService();
  const client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  id = (
    await client.createPromptTemplate({
      workspaceId: test.workspaceId,
      name: "周报-前端",
      content: "整理本周工作：\n${notes}\n汇报对象：${manager}",
    })
  ).promptTemplateId;
  evilId = (
    await client.createPromptTemplate({
      workspaceId: test.workspaceId,
      name: "evil\u001b[31m",
      content: evilContent,
    })
  ).promptTemplateId;
});
afterAll(() => test.close());

describe("promptmill get", () => {
  it("prints the fields and then the content", async () => {
    const result = await runCli(["get", id], { env: test.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `id         ${id}`,
        "name       周报-前端",
        `workspace  ${test.workspaceId}`,
        "variables  notes, manager",
        "",
        "整理本周工作：",
        "${notes}",
        "汇报对象：${manager}",
        "",
      ].join("\n"),
    );
  });

  it("prints the service's response with --json", async () => {
    const result = await runCli(["--json", "get", id], { env: test.env });
    expect(JSON.parse(result.stdout)).toEqual({
      content: "整理本周工作：\n${notes}\n汇报对象：${manager}",
      name: "周报-前端",
      promptTemplateId: id,
      requestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      variables: ["notes", "manager"],
      workspaceId: test.workspaceId,
    });
  });

  it("reports an unknown id with the service's code and request id (exit 2)", async () => {
    const result = await runCli(["get", "ffffffffffffffffffffffffffffffff"], { env: test.env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^error: PromptTemplate\.TemplateNotFound: The prompt template does not exist.*\. \(request [0-9A-F-]{36}\)\n$/,
    );
  });

  it("needs the id", async () => {
    const result = await runCli(["get"], { env: test.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: missing required argument 'id'");
  });

  it("shows the control characters of stored text visibly; tsv and json keep them exact", async () => {
    const shown = await runCli(["get", evilId], { env: test.env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toContain("\u001b");
    expect(shown.stdout).not.toContain("\u0007");
    expect(shown.stdout).toContain("name       evil\\x1B[31m\n");
    // Its own line feeds and tabs are the text's layout; a lone CR would overwrite the line.
    expect(shown.stdout).toContain("Line 1\\x1B[2J\\x1B]0;pwned\\x07\n\tLine 2\\rX\n");

    const tsv = await runCli(["get", evilId, "--output", "tsv"], { env: test.env });
    const [header, row] = tsv.stdout.split("\n");
    expect(header).toBe("id\tname\tworkspace\tvariables\tcontent");
    expect(row?.split("\t").at(-1)).toBe("Line 1\u001b[2J\u001b]0;pwned\u0007\\n\\tLine 2\\rX");
    const json = await runCli(["get", evilId, "--json"], { env: test.env });
    expect((JSON.parse(json.stdout) as { content: string }).content).toBe(evilContent);
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let id: string;

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
});

import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let client: ModelStudioClient;

beforeAll(async () => {
  test = await startTestService();
  client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
});
afterAll(() => test.close());

describe("promptmill delete", () => {
  it("deletes, and a second delete reports TemplateNotFound (exit 2)", async () => {
    const { promptTemplateId } = await client.createPromptTemplate({
      workspaceId: test.workspaceId,
      name: "temporary",
      content: "bye",
    });
    const first = await runCli(["delete", promptTemplateId], { env: test.env });
    expect(first).toMatchObject({ code: 0, stdout: `deleted ${promptTemplateId}\n` });
    const page = await client.listPromptTemplates({
      workspaceId: test.workspaceId,
      type: "Custom",
    });
    expect(page.promptTemplates).toEqual([]);

    const second = await runCli(["delete", promptTemplateId, "--json"], { env: test.env });
    expect(second.code).toBe(2);
    expect(second.stdout).toBe("");
    expect(second.stderr).toMatch(
      /^error: PromptTemplate\.TemplateNotFound: .+ \(request [0-9A-F-]{36}\)\n$/,
    );
  });

  it("prints the service's response with --json", async () => {
    const { promptTemplateId } = await client.createPromptTemplate({
      workspaceId: test.workspaceId,
      name: "temporary",
      content: "bye",
    });
    const result = await runCli(["delete", promptTemplateId, "--json"], { env: test.env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      requestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
    });
  });

  it("reports a workspace the key may not use", async () => {
    const result = await runCli(
      ["delete", "0123456789abcdef0123456789abcdef", "--workspace", "llm-notmine0000000000"],
      {
        env: test.env,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: Forbidden\.NoPermission: .+ \(request [0-9A-F-]{36}\)\n$/,
    );
  });
});

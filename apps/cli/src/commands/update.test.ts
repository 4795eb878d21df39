// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let client: ModelStudioClient;
let id: string;

beforeAll(async () => {
  test = await startTestService();
  client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  id = (
    await client.createPromptTemplate({
      workspaceId: test.workspaceId,
      name: "draft",
      content: "v1 ${a}",
    })
  ).promptTemplateId;
});
afterAll(() => test.close());

function stored() {
  return client.getPromptTemplate({ workspaceId: test.workspaceId, promptTemplateId: id });
}

describe("promptmill update", () => {
  it("renames, then replaces the content from a file", async () => {
    const renamed = await runCli(["update", id, "--name", "final"], { env: test.env });
    expect(renamed).toMatchObject({ code: 0, stdout: `updated ${id}\n` });
    expect(await stored()).toMatchObject({ name: "final", content: "v1 ${a}" });

    const changed = await runCli(
      ["update", id, "--file", "apps/cli/src/commands/__fixtures__/valid-template.txt", "--json"],
      { env: test.env },
    );
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual({
      requestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
    });
    expect(await stored()).toMatchObject({ name: "final", variables: ["product", "audience"] });
  });

  it("needs something to change", async () => {
    const result = await runCli(["update", id], { env: test.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: nothing to update: pass --name, --content or --file");
  });

  it("cannot change a System template (the service's OperationDenied, exit 2)", async () => {
    const system = await client.listPromptTemplates({
      workspaceId: test.workspaceId,
      type: "System",
    });
    const systemId = system.promptTemplates[0]?.promptTemplateId ?? "";
    const result = await runCli(["update", systemId, "--name", "mine now"], { env: test.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: PromptTemplate\.OperationDenied: .+ \(request [0-9A-F-]{36}\)\n$/,
    );
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let templateId: string;

beforeAll(async () => {
  test = await startTestService();
  const client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  templateId = (
    await client.createPromptTemplate({
      workspaceId: test.workspaceId,
      name: "Code review",
      content: "Review ${diff} in ${language}; focus on ${focus}. Again: ${diff}",
    })
  ).promptTemplateId;
});

afterAll(() => test.close());

describe("promptmill vars", () => {
  it("prints each variable once, in first-seen order", async () => {
    const result = await runCli(["vars", templateId], { env: test.env });
    expect(result).toMatchObject({ code: 0, stdout: "diff\nlanguage\nfocus\n" });
  });

  it("prints a JSON array with --json, from a file or a name", async () => {
    const fromFile = await runCli([
      "vars",
      "--json",
      "--file",
      "apps/cli/src/commands/__fixtures__/valid-template.txt",
    ]);
    expect(JSON.parse(fromFile.stdout)).toEqual(["product", "audience"]);
    const byName = await runCli(["vars", "--name", "Code review", "--json"], { env: test.env });
    expect(JSON.parse(byName.stdout)).toEqual(["diff", "language", "focus"]);
  });

  it("fails with exit 4 on syntax errors instead of guessing", async () => {
    const result = await runCli(["vars", "--content", "${ok} ${}"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("1:7 empty-placeholder");
  });

  it("needs a workspace for an id", async () => {
    const result = await runCli(["vars", templateId], {
      env: { ...test.env, PROMPTMILL_WORKSPACE: undefined },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: no workspace: pass --workspace <id> or set PROMPTMILL_WORKSPACE",
    );
  });
});

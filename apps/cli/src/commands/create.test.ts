// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
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

async function customNames(): Promise<string[]> {
  const page = await client.listPromptTemplates({
    workspaceId: test.workspaceId,
    type: "Custom",
    maxResults: 100,
  });
  return page.promptTemplates.map((template) => template.name);
}

describe("promptmill create", () => {
  it("creates from --content and prints the id and the variables", async () => {
    const result = await runCli(
      ["create", "--name", "小红书文案", "--content", "写一篇关于${theme}的笔记，语气${tone}。"],
      { env: test.env },
    );
    expect(result.code).toBe(0);
    const match = /^created ([0-9a-f]{32}) {2}小红书文案\nvariables: theme, tone\n$/.exec(
      result.stdout,
    );
    expect(match).not.toBeNull();
    const stored = await client.getPromptTemplate({
      workspaceId: test.workspaceId,
      promptTemplateId: match?.[1] ?? "",
    });
    expect(stored).toMatchObject({ name: "小红书文案", variables: ["theme", "tone"] });
  });

  it("creates from --file (stdin with -) and prints the service's response with --json", async () => {
    const result = await runCli(["create", "--name", "from stdin", "--file", "-", "--json"], {
      env: test.env,
      input: "Summarize ${text}\n",
    });
    expect(result.code).toBe(0);
    const response = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(response).sort()).toEqual(["promptTemplateId", "requestId"]);
    const stored = await client.getPromptTemplate({
      workspaceId: test.workspaceId,
      promptTemplateId: String(response.promptTemplateId),
    });
    expect(stored.content).toBe("Summarize ${text}\n");
  });

  it("refuses content with syntax errors (exit 4) and sends nothing, unless --no-check", async () => {
    const before = await customNames();
    const refused = await runCli(["create", "--name", "broken", "--content", "Hi ${name"], {
      env: test.env,
    });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("1:4 unterminated-placeholder");
    expect(await customNames()).toEqual(before);

    const forced = await runCli(
      ["create", "--name", "broken", "--content", "Hi ${name", "--no-check"],
      {
        env: test.env,
      },
    );
    expect(forced.code).toBe(0);
    expect(await customNames()).toContain("broken");
  });

  it("is a usage error without --name or without content", async () => {
    const noName = await runCli(["create", "--content", "x"], { env: test.env });
    expect(noName.code).toBe(1);
    expect(noName.stderr).toContain("error: required option '--name <name>' not specified");
    const noContent = await runCli(["create", "--name", "x"], { env: test.env });
    expect(noContent.code).toBe(1);
    expect(noContent.stderr).toContain(
      "error: pass the template text with --content <text> or --file <path>",
    );
  });

  it("shows the service's error code and request id when it refuses (exit 2)", async () => {
    const result = await runCli(["create", "--name", "n".repeat(129), "--content", "x"], {
      env: test.env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: PromptTemplate\.NameInvalid: .+ \(request [0-9A-F-]{36}\)\n$/,
    );
    expect(result.stderr).not.toContain("    at ");
  });

  it("adds the stack trace with --verbose", async () => {
    const result = await runCli(["create", "--name", " ", "--content", "x", "--verbose"], {
      env: test.env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: PromptTemplate.NameInvalid");
    expect(result.stderr).toContain("HTTP status 400");
    expect(result.stderr).toContain("    at ");
  });

  it("says where it looked when there are no credentials", async () => {
    const result = await runCli(["create", "--name", "x", "--content", "y"], {
      env: {
        ...test.env,
        ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: No Alibaba Cloud credentials found.");
    expect(result.stderr).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID");
  });
});

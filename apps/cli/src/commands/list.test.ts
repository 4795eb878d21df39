import { ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
const names = [
  "小红书文案-美食",
  "小红书文案-旅行",
  "Code review - Go",
  "周报-产品经理",
  "Translate - UI",
];

beforeAll(async () => {
  test = await startTestService();
  const client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  for (const name of names) {
    await client.createPromptTemplate({
      workspaceId: test.workspaceId,
      name,
      content: `${name}: \${input}`,
    });
  }
});
afterAll(() => test.close());

describe("promptmill list", () => {
  it("prints a compact table and the total", async () => {
    const result = await runCli(["list", "--type", "Custom"], { env: test.env });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID {32}TYPE {4}NAME {14}VARIABLES$/);
    expect(lines[1]).toMatch(/^[0-9a-f]{32} {2}Custom {2}小红书文案-美食 {3}input$/);
    expect(lines.at(-1)).toBe("5 of 5 templates");
  });

  it("filters by keyword and pages with --max-results / --next-token", async () => {
    const keyword = await runCli(["list", "--name", "小红书", "--type", "Custom", "--json"], {
      env: test.env,
    });
    const page = JSON.parse(keyword.stdout) as {
      promptTemplates: Array<{ name: string }>;
      totalCount: number;
    };
    expect(page.promptTemplates.map((template) => template.name)).toEqual(names.slice(0, 2));

    const first = await runCli(["list", "--type", "Custom", "--max-results", "2"], {
      env: test.env,
    });
    const token = /--next-token ([0-9a-f]+)/.exec(first.stdout)?.[1];
    expect(first.stdout).toContain("2 of 5 templates — next page: --next-token ");
    const second = await runCli(
      ["list", "--type", "Custom", "--max-results", "2", "--next-token", token ?? ""],
      {
        env: test.env,
      },
    );
    expect(second.stdout).toContain("周报-产品经理");
    expect(second.stdout).not.toContain("小红书文案-美食");
  });

  it("pages through everything with --all", async () => {
    const result = await runCli(["list", "--all", "--max-results", "2", "--json"], {
      env: test.env,
    });
    const all = JSON.parse(result.stdout) as {
      workspaceId: string;
      totalCount: number;
      promptTemplates: Array<{ name: string; type: string }>;
    };
    const custom = all.promptTemplates.filter((template) => template.type === "Custom");
    expect(custom.map((template) => template.name)).toEqual(names);
    expect(all.promptTemplates.length).toBe(all.totalCount);
    expect(all.workspaceId).toBe(test.workspaceId);
  });

  it("rejects a bad --max-results locally, and passes the service's own limit errors on", async () => {
    const local = await runCli(["list", "--max-results", "0"], { env: test.env });
    expect(local.code).toBe(1);
    expect(local.stderr).toContain("expected a whole number of 1 or more");
    const remote = await runCli(["list", "--max-results", "500"], { env: test.env });
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(
      /^error: PromptTemplate\.MaxResultsInvalid: .+ \(request [0-9A-F-]{36}\)\n$/,
    );
    const badType = await runCli(["list", "--type", "Mine"], { env: test.env });
    expect(badType.code).toBe(1);
  });

  it("cannot reach a stopped service (exit 2, one line)", async () => {
    const result = await runCli(["list"], {
      env: { ...test.env, PROMPTMILL_ENDPOINT: "http://127.0.0.1:9" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot reach the service: .+\n$/);
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
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
  // The second workspace holds the names that attack or stretch the output.
  test = await startTestService({ workspaces: 2 });
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

describe("promptmill list, with names made to break the output", () => {
  const longName = `${"长".repeat(20)}${"n".repeat(80)}${"尾".repeat(20)}`; // 120 characters
  const escName = "evil\u001b[31mRED\u001b[0m";
  const tabbed = 'a\tb\nc, "d"';
  let env: Record<string, string>;

  beforeAll(async () => {
    const workspaceId = `llm-clitest${"1".padStart(9, "0")}`;
    env = { ...test.env, PROMPTMILL_WORKSPACE: workspaceId };
    const client = new ModelStudioClient({
      endpoint: test.service.endpoint,
      credentials: test.key,
    });
    for (const name of [longName, escName, tabbed]) {
      await client.createPromptTemplate({ workspaceId, name, content: "${x}" });
    }
  });

  it("prints a whole 120-character name when piped, so grep and cut see it", async () => {
    const result = await runCli(["list", "--type", "Custom"], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(longName);
    expect(result.stdout).not.toContain("…");
  });

  it("shows an ESC in a name as \\x1B in the table, and tabs and newlines visibly", async () => {
    const result = await runCli(["list", "--type", "Custom"], { env });
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).toContain("evil\\x1B[31mRED\\x1B[0m");
    expect(result.stdout).toContain('a\\tb\\nc, "d"');
    // Every row is one line: 1 header, 3 templates, the count.
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(5);
  });

  it("prints exact values with --output tsv, csv and json", async () => {
    const tsv = await runCli(["list", "--type", "Custom", "--output", "tsv"], { env });
    expect(tsv.code).toBe(0);
    const rows = tsv.stdout
      .trimEnd()
      .split("\n")
      .map((line) => line.split("\t"));
    expect(rows[0]).toEqual(["id", "type", "name", "variables"]);
    expect(rows.slice(1).map((row) => row[2])).toEqual([longName, escName, 'a\\tb\\nc, "d"']);
    expect(tsv.stderr).toBe("3 of 3 templates\n");

    const csv = await runCli(["list", "--type", "Custom", "--output", "csv", "-q"], { env });
    expect(csv.stdout).toContain(`,Custom,"a\tb\nc, ""d""",x\r\n`);
    expect(csv.stdout).toContain(escName);
    expect(csv.stderr).toBe("");

    const json = await runCli(["list", "--type", "Custom", "--output", "json"], { env });
    const page = JSON.parse(json.stdout) as { promptTemplates: Array<{ name: string }> };
    expect(page.promptTemplates.map((template) => template.name)).toEqual([
      longName,
      escName,
      tabbed,
    ]);
    const both = await runCli(["list", "--json", "--output", "tsv"], { env });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("--json and --output tsv ask for two formats");
    const unknown = await runCli(["list", "--output", "yaml"], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Allowed choices are table, json, tsv, csv");
  });
});

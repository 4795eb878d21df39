// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { randomBytes } from "node:crypto";
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

beforeAll(async () => {
  test = await startTestService();
  client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  directory = await mkdtemp(join(tmpdir(), "promptmill-create-"));
});
afterAll(async () => {
  await test.close();
  await rm(directory, { recursive: true, force: true });
});

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
    const result = await runCli(
      ["create", "--name", "n".repeat(129), "--content", "x", "--no-check"],
      {
        env: test.env,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: PromptTemplate\.NameInvalid: .+ \(request [0-9A-F-]{36}\)\n$/,
    );
    expect(result.stderr).not.toContain("    at ");
  });

  it("adds the stack trace with --verbose", async () => {
    const result = await runCli(
      ["create", "--name", " ", "--content", "x", "--verbose", "--no-check"],
      {
        env: test.env,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: PromptTemplate.NameInvalid");
    expect(result.stderr).toContain("HTTP status 400");
    expect(result.stderr).toContain("    at ");
  });

  it("refuses a binary or non-UTF-8 file with the byte offset, and stores nothing", async () => {
    const before = await customNames();
    const binary = join(directory, "random.bin");
    // Random bytes after a text-looking start: a NUL or an invalid sequence comes soon after.
    await writeFile(binary, Buffer.concat([Buffer.from("Hello ${who}\n"), randomBytes(4096)]));
    const fromBinary = await runCli(["create", "--name", "bin", "--file", binary], {
      env: test.env,
    });
    expect(fromBinary.code).toBe(1);
    expect(fromBinary.stderr).toMatch(
      /^error: cannot read \S+random\.bin: (not UTF-8 text: byte 0x[0-9A-F]{2}|a NUL byte) at byte offset \d+/,
    );

    const latin1 = join(directory, "latin1.txt");
    await writeFile(latin1, Buffer.from("café ${x}", "latin1"));
    const fromLatin1 = await runCli(["create", "--name", "latin1", "--file", latin1], {
      env: test.env,
    });
    expect(fromLatin1.code).toBe(1);
    expect(fromLatin1.stderr).toBe(
      `error: cannot read ${latin1}: not UTF-8 text: byte 0xE9 at byte offset 3 (save it as UTF-8)\n`,
    );
    const fromStdin = await runCli(["create", "--name", "nul", "--file", "-"], {
      env: test.env,
      input: "ab\u0000cd",
    });
    expect(fromStdin.stderr).toBe(
      "error: cannot read stdin: a NUL byte at byte offset 2: a binary file, not text\n",
    );
    expect(await customNames()).toEqual(before);
  });

  it("checks the service's limits before sending (exit 1, nothing sent)", async () => {
    const before = await customNames();
    const longName = await runCli(["create", "--name", "n".repeat(129), "--content", "x"], {
      env: test.env,
    });
    expect(longName.code).toBe(1);
    expect(longName.stderr).toMatch(/^error: .*128.*--no-check sends it anyway\)\n$/);
    const longContent = await runCli(["create", "--name", "long", "--file", "-"], {
      env: test.env,
      input: "x".repeat(20_001),
    });
    expect(longContent.code).toBe(1);
    expect(longContent.stderr).toMatch(/20,?000/);
    expect(await customNames()).toEqual(before);
  });

  it("warns when the name is taken, unless --allow-duplicate-name", async () => {
    const first = await runCli(["create", "--name", "twice", "--content", "one"], {
      env: test.env,
    });
    const id = /^created ([0-9a-f]{32})/.exec(first.stdout)?.[1];
    const second = await runCli(["create", "--name", "twice", "--content", "two"], {
      env: test.env,
    });
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(
      `warning: "twice" is already the name of ${id}; creating another makes look-ups by this name ambiguous (--allow-duplicate-name: no check)\n`,
    );
    const third = await runCli(
      ["create", "--name", "twice", "--content", "three", "--allow-duplicate-name"],
      { env: test.env },
    );
    expect(third.code).toBe(0);
    expect(third.stderr).toBe("");
    // A name that only contains it is not the same name.
    const other = await runCli(["create", "--name", "twi", "--content", "x"], { env: test.env });
    expect(other.stderr).toBe("");
  });

  it("shows control characters of a name visibly, never raw (terminal escape injection)", async () => {
    const result = await runCli(
      [
        "create",
        "--name",
        "evil\u001b[31mRED\u001b[0m",
        "--content",
        "Hi ${who}\u001b]0;title\u0007",
      ],
      { env: test.env, input: "" },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).toMatch(/^created [0-9a-f]{32} {2}evil\\x1B\[31mRED\\x1B\[0m\n/);
    // The service stores the exact name: escaping is only for the terminal.
    expect(await customNames()).toContain("evil\u001b[31mRED\u001b[0m");
    const json = await runCli(["list", "--type", "Custom", "--json"], { env: test.env });
    expect(json.stdout).toContain("evil\\u001b[31mRED");
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

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPromptRegistry, ModelStudioClient } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../__test__/run-cli.js";
import { startTestService, type TestService } from "../__test__/test-service.js";

let test: TestService;
let directory: string;

beforeAll(async () => {
  test = await startTestService();
  directory = await mkdtemp(join(tmpdir(), "promptmill-snapshot-"));
  const client = new ModelStudioClient({ endpoint: test.service.endpoint, credentials: test.key });
  await client.createPromptTemplate({
    workspaceId: test.workspaceId,
    name: "greeting",
    content: "Hello ${who}, from ${city}",
  });
});

afterAll(async () => {
  await test.close();
  await rm(directory, { recursive: true, force: true });
});

describe("promptmill snapshot", () => {
  it("writes the snapshot the registry falls back to and typegen reads", async () => {
    const file = join(directory, "prompts.snapshot.json");
    const result = await runCli(["snapshot", file], { env: test.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(
        `^wrote \\d+ templates of ${test.workspaceId} to .*prompts\\.snapshot\\.json \\(taken `,
      ),
    );
    const written = JSON.parse(await readFile(file, "utf8")) as {
      templates: Array<{ name: string; content: string }>;
    };
    expect(written.templates).toContainEqual(
      expect.objectContaining({ name: "greeting", content: "Hello ${who}, from ${city}" }),
    );

    // An application with no service at all renders from it.
    const registry = createPromptRegistry({
      client: new ModelStudioClient({
        endpoint: "http://127.0.0.1:9",
        credentials: test.key,
        retry: false,
      }),
      workspaceId: test.workspaceId,
      fallback: { snapshotFile: file },
    });
    try {
      expect(await registry.render("greeting", { who: "Ann", city: "杭州" })).toBe(
        "Hello Ann, from 杭州",
      );
    } finally {
      registry.close();
    }

    const types = await runCli(["typegen", "--snapshot", file, "--type", "Custom"]);
    expect(types.code).toBe(0);
    expect(types.stdout).toContain("  greeting: { who: string | number; city: string | number };");
    // --type applies to a snapshot as to the workspace: System templates are left out.
    expect(types.stdout).not.toContain("Email reply assistant");
  });

  it("says so at once when the file cannot be written", async () => {
    const file = join(directory, "missing", "snapshot.json");
    const result = await runCli(["snapshot", file], { env: test.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: cannot write ${file}: the directory ${join(directory, "missing")} does not exist\n`,
    );
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PromptSnapshotError } from "./errors.js";
import { type PromptSnapshot, readSnapshotFile, writeSnapshotFile } from "./snapshot-file.js";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "promptmill-snapshot-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const snapshot: PromptSnapshot = {
  workspaceId: "llm-abcdefghijklmnop",
  takenAt: "2025-05-01T08:00:00.000Z",
  templates: [
    {
      id: "0123456789abcdef0123456789abcdef",
      name: '小红书文案助手 "quoted" \u2028',
      content: "写一篇关于${theme}的文案 😀",
      variables: ["theme"],
      type: "System",
    },
  ],
};

describe("snapshot files", () => {
  it("round-trips, leaving no temporary file behind", async () => {
    const file = join(directory, "snapshot.json");
    await writeSnapshotFile(file, snapshot);
    expect(await readSnapshotFile(file, snapshot.workspaceId)).toEqual(snapshot);
    await writeSnapshotFile(file, { ...snapshot, templates: [] });
    expect((await readSnapshotFile(file, snapshot.workspaceId))?.templates).toEqual([]);
    expect(await readdir(directory)).toEqual(["snapshot.json"]);
  });

  it("reads a missing file as no snapshot", async () => {
    expect(await readSnapshotFile(join(directory, "absent.json"), "llm-x")).toBeUndefined();
  });

  it("refuses a file that is not a snapshot of this workspace", async () => {
    const file = join(directory, "snapshot.json");
    const bad: Array<[string, RegExp]> = [
      ["", /not valid JSON/],
      ["[]", /shape at the top level/],
      [
        JSON.stringify({ ...snapshot, templates: [{ ...snapshot.templates[0], type: "Other" }] }),
        /templates\.0\.type/,
      ],
      [JSON.stringify(snapshot), /llm-abcdefghijklmnop, not llm-other/],
    ];
    for (const [text, message] of bad) {
      await writeFile(file, text);
      const error = await readSnapshotFile(file, "llm-other").catch((caught: unknown) => caught);
      expect(error, text).toBeInstanceOf(PromptSnapshotError);
      expect((error as PromptSnapshotError).message).toMatch(message);
      expect((error as PromptSnapshotError).file).toBe(file);
    }
  });

  it("reports a path that cannot be read as a snapshot error", async () => {
    const error = await readSnapshotFile(directory, "llm-x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PromptSnapshotError);
    expect((error as Error).message).toMatch(/cannot be read/);
  });
});

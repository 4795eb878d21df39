// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SyncTestBed, startSyncTestBed } from "./__test__/test-service.js";
import { PromptFolderError } from "./errors.js";
import { formatPromptFile } from "./prompt-file.js";
import { pullPromptFolder } from "./pull-prompt-folder.js";
import { readPromptFolder } from "./read-prompt-folder.js";

let bed: SyncTestBed;

beforeEach(async () => {
  bed = await startSyncTestBed();
});

afterEach(() => bed.close());

async function create(name: string, content: string): Promise<string> {
  const { promptTemplateId } = await bed.client.createPromptTemplate({
    workspaceId: bed.workspaceId,
    name,
    content,
  });
  return promptTemplateId;
}

const pull = (extra: { includeSystem?: boolean; prune?: boolean } = {}) =>
  pullPromptFolder({ client: bed.client, workspaceId: bed.workspaceId, dir: bed.dir, ...extra });

describe("pullPromptFolder", () => {
  it("writes each Custom template into a file that reads back as the template", async () => {
    const names = ["小红书文案", "a/b: c?", "same", "SAME", "trailing ", "CON", "🚀 launch"];
    const ids = new Map<string, string>();
    for (const name of names) ids.set(name, await create(name, `${name} 写${"${topic}"}\n`));

    const result = await pull();
    expect(result.created).toHaveLength(names.length);
    const folder = await readPromptFolder(bed.dir);
    expect(folder.problems).toEqual([]);
    expect(
      folder.files.map(({ file }) => [file.name, file.content, file.id, file.workspaceId]).sort(),
    ).toEqual(
      names.map((name) => [name, `${name} 写\${topic}\n`, ids.get(name), bed.workspaceId]).sort(),
    );
    expect(folder.files.some(({ file }) => file.type === "System")).toBe(false);
  });

  it("changes nothing on a second pull: every byte and every mtime stays", async () => {
    await create("one", "1");
    await create("two", "2");
    await pull();
    const before = await snapshot(bed.dir);
    const again = await pull();
    expect(again).toEqual({ created: [], updated: [], unchanged: 2, gone: [], deleted: [] });
    expect(await snapshot(bed.dir)).toEqual(before);
  });

  it("updates a file where it sits when the template changed, keeping its name after a rename", async () => {
    const id = await create("draft", "v1");
    await pull();
    // The user groups it in a folder under a name of their own.
    const moved = join(bed.dir, "drafts-v1.prompt");
    await writeFile(moved, await readFile(join(bed.dir, "draft.prompt")));
    await rm(join(bed.dir, "draft.prompt"));
    await bed.client.updatePromptTemplate({
      workspaceId: bed.workspaceId,
      promptTemplateId: id,
      name: "final",
      content: "v2",
    });
    const result = await pull();
    expect(result.updated).toEqual(["drafts-v1.prompt"]);
    expect(await readFile(moved, "utf8")).toBe(
      formatPromptFile({ name: "final", content: "v2", workspaceId: bed.workspaceId, id }),
    );
  });

  it("adopts a hand-written file of the same name instead of writing a second one", async () => {
    const id = await create("greeting", "Hello ${who}");
    await mkdir(bed.dir, { recursive: true });
    await writeFile(join(bed.dir, "greeting.prompt"), "Hello ${who}");
    const result = await pull();
    expect(result).toMatchObject({ created: [], updated: ["greeting.prompt"] });
    expect((await readPromptFolder(bed.dir)).files).toMatchObject([
      {
        path: "greeting.prompt",
        file: { name: "greeting", content: "Hello ${who}", id, workspaceId: bed.workspaceId },
        contentLine: 6,
      },
    ]);
  });

  it("deletes the files of deleted templates only when asked", async () => {
    const id = await create("short-lived", "x");
    await pull();
    await bed.client.deletePromptTemplate({ workspaceId: bed.workspaceId, promptTemplateId: id });
    expect(await pull()).toMatchObject({ gone: ["short-lived.prompt"], deleted: [] });
    expect(await readdir(bed.dir)).toEqual(["short-lived.prompt"]);
    expect(await pull({ prune: true })).toMatchObject({ deleted: ["short-lived.prompt"] });
    expect(await readdir(bed.dir)).toEqual([]);
  });

  it("writes System templates only when asked, marked read-only", async () => {
    await pull({ includeSystem: true });
    const folder = await readPromptFolder(bed.dir);
    expect(folder.files.length).toBeGreaterThan(0);
    expect(folder.files.every(({ file }) => file.type === "System")).toBe(true);
  });

  it("stops before writing anything when two files claim one template", async () => {
    const id = await create("twin", "x");
    await pull();
    const copy = await readFile(join(bed.dir, "twin.prompt"));
    await writeFile(join(bed.dir, "twin copy.prompt"), copy);
    await bed.client.updatePromptTemplate({
      workspaceId: bed.workspaceId,
      promptTemplateId: id,
      content: "changed",
    });
    const error = await pull().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PromptFolderError);
    expect((error as PromptFolderError).problems).toEqual([
      expect.objectContaining({
        path: "twin.prompt",
        message: expect.stringContaining(`claims template ${id}`),
      }),
    ]);
    expect(await readFile(join(bed.dir, "twin copy.prompt"))).toEqual(copy);
  });
});

/** Every file's bytes and modification time: what git and editors notice. */
async function snapshot(dir: string): Promise<Record<string, [string, number]>> {
  const result: Record<string, [string, number]> = {};
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    result[name] = [await readFile(path, "utf8"), (await stat(path)).mtimeMs];
  }
  return result;
}

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatPromptFile } from "./prompt-file.js";
import { readPromptFolder } from "./read-prompt-folder.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "promptmill-folder-"));
});

afterEach(() => rm(dir, { recursive: true, force: true }));

describe("readPromptFolder", () => {
  it("reads every .prompt file, nested folders included, and passes over the rest", async () => {
    await mkdir(join(dir, "marketing", "xhs"), { recursive: true });
    await mkdir(join(dir, ".git"));
    await writeFile(join(dir, "a.prompt"), formatPromptFile({ name: "A", content: "one" }));
    await writeFile(join(dir, "marketing", "xhs", "b.prompt"), "two");
    await writeFile(join(dir, ".git", "c.prompt"), "hidden");
    await writeFile(join(dir, "README.md"), "not a template");
    const folder = await readPromptFolder(dir);
    expect(folder.problems).toEqual([]);
    expect(folder.files).toMatchObject([
      {
        path: "a.prompt",
        file: { name: "A", content: "one", id: undefined, workspaceId: undefined },
        contentLine: 4,
      },
      { path: "marketing/xhs/b.prompt", file: { name: "b", content: "two" }, contentLine: 1 },
    ]);
  });

  it("refuses bytes that are not UTF-8 and binary files, naming the file and the place", async () => {
    await writeFile(join(dir, "latin1.prompt"), Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x63]));
    await writeFile(join(dir, "binary.prompt"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    const folder = await readPromptFolder(dir);
    expect(folder.files).toMatchObject([]);
    expect(folder.problems).toEqual([
      { path: "binary.prompt", line: 1, column: 5, message: "byte 4 is NUL: not a text file" },
      {
        path: "latin1.prompt",
        line: 2,
        column: 2,
        message: "byte 3 is not valid UTF-8 (a template file must be UTF-8 text)",
      },
    ]);
  });

  it("reports a broken header with its line, and reads the other files", async () => {
    await writeFile(join(dir, "broken.prompt"), '---\nname: "x"\nowner: "me"\n---\nbody');
    await writeFile(join(dir, "fine.prompt"), "body");
    const folder = await readPromptFolder(dir);
    expect(folder.files.map((entry) => entry.path)).toEqual(["fine.prompt"]);
    expect(folder.problems).toMatchObject([{ path: "broken.prompt", line: 3, column: 1 }]);
  });
});

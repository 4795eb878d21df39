import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { decodeTextFile } from "@promptmill/core";
import { PROMPT_FILE_EXTENSION } from "./file-name.js";
import { type PromptFile, parsePromptFile } from "./prompt-file.js";

/** A template file of the folder: its path relative to the folder (`/`-separated) and what it holds. */
export interface FolderFile {
  readonly path: string;
  readonly file: PromptFile;
  /** The file's line where the content starts (after the header). */
  readonly contentLine: number;
  /** The whole file as read (a byte order mark dropped): what a rewrite compares with. */
  readonly text: string;
}

/** A file that could not be read as a template, with the place to look. */
export interface FolderProblem {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface PromptFolder {
  readonly files: FolderFile[];
  readonly problems: FolderProblem[];
}

/**
 * Every `*.prompt` file under `dir`, nested folders included (they group templates; the
 * folder a file sits in means nothing to the workspace). Hidden files and folders (`.git`) are
 * passed over. Files are read strictly: bytes that are not UTF-8, or a NUL, make a problem that
 * names the file and the place, never a template with U+FFFD in it.
 */
export async function readPromptFolder(dir: string): Promise<PromptFolder> {
  const files: FolderFile[] = [];
  const problems: FolderProblem[] = [];

  const visit = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const absolute = join(current, entry.name);
      if (entry.isDirectory()) {
        await visit(absolute);
        continue;
      }
      if (!entry.isFile() || !entry.name.endsWith(PROMPT_FILE_EXTENSION)) continue;
      const path = relative(dir, absolute).split(sep).join("/");
      const bytes = await readFile(absolute);
      const decoded = decodeTextFile(bytes);
      if ("offset" in decoded) {
        problems.push({
          path,
          ...positionOfByte(bytes, decoded.offset),
          message:
            decoded.reason === "nul"
              ? `byte ${decoded.offset} is NUL: not a text file`
              : `byte ${decoded.offset} is not valid UTF-8 (a template file must be UTF-8 text)`,
        });
        continue;
      }
      const text = decoded.text;
      const fallbackName = entry.name.slice(0, -PROMPT_FILE_EXTENSION.length);
      const parsed = parsePromptFile(text, fallbackName);
      if ("problem" in parsed) problems.push({ path, ...parsed.problem });
      else files.push({ path, file: parsed.file, contentLine: parsed.contentLine, text });
    }
  };
  await visit(dir);
  return { files, problems };
}

/** Line and column (1-based, the column in characters) of a byte offset, for an editor. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
  const lines = before.split("\n");
  return { line: lines.length, column: [...(lines.at(-1) ?? "")].length + 1 };
}

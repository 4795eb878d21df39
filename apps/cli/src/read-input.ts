import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";
import { UsageError } from "./usage-error.js";

const BYTE_ORDER_MARK = "\uFEFF";

/**
 * Reads a text file the user named (`-` is stdin). A missing or unreadable file is the user's
 * mistake, so it becomes a usage error naming the file, not a stack trace.
 */
export async function readTextInput(path: string): Promise<string> {
  let content: string;
  try {
    content = path === "-" ? await text(process.stdin) : await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : (code ?? String(error));
    throw new UsageError(`cannot read ${path}: ${reason}`, { cause: error });
  }
  return content.startsWith(BYTE_ORDER_MARK) ? content.slice(1) : content;
}

import { open, readFile } from "node:fs/promises";
import { buffer } from "node:stream/consumers";
import { decodeTextFile } from "@promptmill/core/text";
import { describeSystemError } from "./system-error.js";
import { UsageError } from "./usage-error.js";

/**
 * Reads a text file the user named (`-` is stdin): the one reader of every command that takes
 * a template, values or a plan from a file. Bytes that are not UTF-8, or a NUL (a binary file),
 * are refused with the byte offset where they start, as the importer refuses such CSV rows:
 * decoding them would store U+FFFD in their place. A missing or unreadable file is the user's
 * mistake, said in the CLI's one wording for such errors.
 */
export async function readTextInput(path: string): Promise<string> {
  const label = path === "-" ? "stdin" : path;
  let bytes: Uint8Array;
  try {
    bytes = path === "-" ? await buffer(process.stdin) : await readFile(path);
  } catch (error) {
    const message = describeSystemError(error, { action: "read", path: label });
    throw new UsageError(message ?? `cannot read ${label}: ${String(error)}`, { cause: error });
  }
  const decoded = decodeTextFile(bytes);
  if ("text" in decoded) return decoded.text;
  const byte = (bytes[decoded.offset] ?? 0).toString(16).toUpperCase().padStart(2, "0");
  throw new UsageError(
    decoded.reason === "nul"
      ? `cannot read ${label}: a NUL byte at byte offset ${decoded.offset}: a binary file, not text`
      : `cannot read ${label}: not UTF-8 text: byte 0x${byte} at byte offset ${decoded.offset} (save it as UTF-8)`,
  );
}

/**
 * Fails now, in the same wording as a read would, when `path` cannot be read: for commands
 * that would otherwise start something (a service) before reading it.
 */
export async function checkReadable(path: string): Promise<void> {
  try {
    const handle = await open(path, "r");
    try {
      // Opening a directory works on Linux; reading it is what fails (EISDIR).
      await handle.read(Buffer.alloc(1), 0, 1, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const message = describeSystemError(error, { action: "read", path });
    throw new UsageError(message ?? `cannot read ${path}: ${String(error)}`, { cause: error });
  }
}

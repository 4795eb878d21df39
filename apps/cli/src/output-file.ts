import { constants, type WriteStream } from "node:fs";
import { access, open, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { describeSystemError } from "./system-error.js";
import { UsageError } from "./usage-error.js";

function cannotWrite(path: string, error: unknown): UsageError {
  const message = describeSystemError(error, { action: "write", path });
  return new UsageError(message ?? `cannot write ${path}: ${String(error)}`, { cause: error });
}

/** Opens a file the user named for writing; a path that cannot be written is their mistake, said plainly. */
export async function openOutputFile(path: string): Promise<WriteStream> {
  try {
    const handle = await open(path, "w");
    return handle.createWriteStream();
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

/** Writes a whole file the user named (`--out`), in the same wording when it cannot. */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

/**
 * Fails now, in the same wording, when `path` could not be written: for commands that do
 * their work first and write at the end (a long listing wasted on a typo in the directory).
 */
export async function checkWritable(path: string): Promise<void> {
  try {
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: ${path}`), { code: "EISDIR", syscall: "open", path });
    }
    await access(existing === undefined ? dirname(path) : path, constants.W_OK);
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

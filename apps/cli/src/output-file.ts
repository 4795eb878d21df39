import type { WriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { UsageError } from "./usage-error.js";

/** Opens a file the user named for writing; a path that cannot be written is their mistake, said plainly. */
export async function openOutputFile(path: string): Promise<WriteStream> {
  try {
    const handle = await open(path, "w");
    return handle.createWriteStream();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "its directory does not exist" : (code ?? String(error));
    throw new UsageError(`cannot write ${path}: ${reason}`, { cause: error });
  }
}

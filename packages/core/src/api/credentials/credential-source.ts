import { readFile } from "node:fs/promises";
import type { Credentials } from "./credentials.js";

/** What one place in the chain gave: credentials, or a note saying why it gave none. */
export type SourceResult = { credentials: Credentials } | { missing: string };

export type FileText = { text: string } | { missing: string };

/**
 * Reads a credentials file. Errors become notes that name the file and the error code only:
 * a parser's message may quote the file's content, and the content holds the secret.
 */
export async function readCredentialFile(path: string): Promise<FileText> {
  try {
    return { text: await readFile(path, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { missing: `${path}: no such file` };
    return { missing: `${path}: cannot be read (${code ?? "unknown error"})` };
  }
}

import { readFile } from "node:fs/promises";
import type { CredentialSupplier, RefreshOptions } from "./refreshing-credentials.js";

/**
 * What one place in the chain gave: a supplier of credentials (fixed keys, or a role's
 * temporary credentials that it refreshes), or a note saying why it gave none.
 */
export type SourceResult = { supply: CredentialSupplier } | { missing: string };

/** What the places in the chain share: where STS is, when the caller says so, and the clock. */
export interface ChainContext {
  /** Wins over a profile's `sts_region` (ALIBABA_CLOUD_STS_ENDPOINT or the caller's option). */
  readonly stsEndpoint?: string | undefined;
  readonly refresh?: RefreshOptions | undefined;
}

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

import type { ImportOptions } from "@promptmill/importer";
import type { CliContext } from "./context.js";

/**
 * The connection part of the importer's options, from the CLI's: the same endpoint (or
 * region) and credentials (so `--profile` and roles apply, and every secret is registered
 * for redaction before anything can print it).
 */
export async function importConnection(
  context: CliContext,
  workspaceId: string,
): Promise<Pick<ImportOptions, "workspaceId" | "endpoint" | "credentials" | "signal">> {
  const { endpoint, credentials } = await context.connection();
  return { workspaceId, endpoint, credentials, signal: context.signal };
}

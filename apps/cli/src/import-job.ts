import type { ImportOptions } from "@promptmill/importer";
import type { CliContext } from "./context.js";

/**
 * The connection part of the importer's options, from the CLI's global options: the same
 * endpoint (or region) and the credentials the CLI resolved (so `--profile` applies, and the
 * secret is registered for redaction before anything can print it).
 */
export async function importConnection(
  context: CliContext,
  workspaceId: string,
): Promise<Pick<ImportOptions, "workspaceId" | "endpoint" | "credentials" | "signal">> {
  const { endpoint, region } = context.options;
  const { REGION_ENDPOINTS } = await import("@promptmill/core");
  return {
    workspaceId,
    endpoint: endpoint || (region ? REGION_ENDPOINTS[region] : undefined),
    credentials: await context.credentials(),
    signal: context.signal,
  };
}

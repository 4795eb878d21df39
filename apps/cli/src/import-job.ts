import type { ImportOptions, ImportSummary } from "@promptmill/importer";
import type { CliContext } from "./context.js";
import { ExitCode } from "./exit-codes.js";

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

/** 130 when stopped, 2 when the service stopped the job or rows could not be sent, 3 with rejects. */
export function importExitCode(summary: ImportSummary): ExitCode {
  if (summary.status === "interrupted") return ExitCode.interrupted;
  if (summary.status === "failed" || summary.failed > 0) return ExitCode.api;
  if (summary.rejected + summary.existsFailed > 0) return ExitCode.partialImport;
  return ExitCode.ok;
}

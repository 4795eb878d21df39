import type { AccessKeyConfig } from "../access-keys.js";

/** What the banner shows of a running service (one process or a cluster). */
export interface ServeBannerInput {
  readonly endpoint: string;
  /** Where the data is, fit to print: the SQLite file, or the database URL without password. */
  readonly database: string;
  readonly workspaceIds: readonly string[];
  readonly accessKeys: readonly AccessKeyConfig[];
  readonly developmentKey: AccessKeyConfig | undefined;
  readonly workers: number;
}

/**
 * What `promptmill serve` and `promptmill-server` print once they listen: comments, then
 * `export` lines a shell can run, then `ready on <endpoint>` (scripts wait for it; everything
 * above is printed by then). The development key's secret is printed: the service generated
 * it for local use only, and printing it is how the user gets it. The secret of a configured
 * key never is.
 */
export function formatServeBanner(input: ServeBannerInput): string[] {
  const lines = [
    "# promptmill local service (Model Studio prompt templates, API 2023-12-29)",
    `# data: ${input.database}`,
    `# workspaces: ${input.workspaceIds.join(", ")}`,
  ];
  if (input.workers > 1) lines.push(`# ${input.workers} service processes on one port`);
  const key = input.developmentKey;
  const configured = input.accessKeys[0];
  if (key !== undefined) {
    lines.push(
      "# development key (kept with the data; valid only for this local service):",
      `export ALIBABA_CLOUD_ACCESS_KEY_ID=${key.accessKeyId}`,
      `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${key.accessKeySecret}`,
    );
  } else if (configured !== undefined) {
    lines.push(
      `export ALIBABA_CLOUD_ACCESS_KEY_ID=${configured.accessKeyId}`,
      "# and its secret: the one you configured",
    );
  }
  lines.push(
    `export PROMPTMILL_ENDPOINT=${input.endpoint}`,
    `export PROMPTMILL_WORKSPACE=${input.workspaceIds[0] ?? ""}`,
    `ready on ${input.endpoint}`,
  );
  return lines;
}

/** The banner as one object, for `--json`: the same facts, the configured secrets left out. */
export function serveBannerJson(input: ServeBannerInput): Record<string, unknown> {
  return {
    endpoint: input.endpoint,
    workspaceIds: input.workspaceIds,
    database: input.database,
    accessKeyIds: input.accessKeys.map((key) => key.accessKeyId),
    developmentKey: input.developmentKey ?? null,
    workers: input.workers,
  };
}

import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { type LocalService, startLocalService } from "../start-local-service.js";
import { type ServiceClusterPrimary, startServiceCluster } from "../start-service-cluster.js";
import type { ServeOptions } from "./resolve-serve-options.js";
import { formatServeBanner, serveBannerJson } from "./serve-banner.js";

export interface ServeOutput {
  /** The banner (stdout: what scripts read). */
  readonly stdout: (text: string) => void;
  /** The request log and notes (stderr). */
  readonly stderr: (line: string) => void;
  /** Stops the service cleanly when it fires (see `processStopSignal`). */
  readonly signal: AbortSignal;
}

/**
 * `promptmill serve` and `promptmill-server`: starts the service (one process, or a cluster
 * of `workers` on one port), prints the banner, waits for the stop signal, then finishes the
 * requests in flight and closes. Resolves once closed.
 *
 * With `workers` > 1 the calling program is run again in each worker (node:cluster): there
 * this starts that worker's service and never resolves; the worker closes and exits when the
 * primary (or a signal) tells it to.
 */
export async function runServe(options: ServeOptions, output: ServeOutput): Promise<void> {
  const { dataFile } = options.service;
  if (dataFile !== undefined) await mkdir(dirname(dataFile), { recursive: true });
  const log = options.quiet ? undefined : output.stderr;
  const serviceOptions = { ...options.service, log, logFormat: options.logFormat };

  let running: LocalService | ServiceClusterPrimary;
  if (options.workers > 1) {
    const cluster = await startServiceCluster({
      ...serviceOptions,
      workers: options.workers,
      onWorkerEvent: output.stderr,
    });
    if (cluster.role === "worker") return new Promise<never>(() => {});
    running = cluster;
  } else {
    running = await startLocalService(serviceOptions);
  }

  const banner = {
    endpoint: running.endpoint,
    database: running.database,
    workspaceIds: running.workspaceIds,
    accessKeys: running.accessKeys,
    developmentKey: running.developmentKey,
    workers: options.workers,
  };
  if (options.json) output.stdout(`${JSON.stringify(serveBannerJson(banner), null, 2)}\n`);
  else output.stdout(`${formatServeBanner(banner).join("\n")}\n`);

  await new Promise<void>((resolve) => {
    if (output.signal.aborted) resolve();
    else output.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  output.stderr("stopping: finishing requests in flight");
  await running.close();
  output.stderr("stopped");
}

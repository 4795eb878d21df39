import cluster, { type Worker } from "node:cluster";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AccessKeyConfig } from "./access-keys.js";
import {
  type LocalService,
  type LocalServiceOptions,
  startLocalService,
} from "./start-local-service.js";

export interface ServiceClusterOptions extends LocalServiceOptions {
  /** Service processes to run, 1 or more; all of them answer on one port. */
  workers: number;
  /** Lines about the workers (one exited and was replaced), for the program to print. */
  onWorkerEvent?: ((line: string) => void) | undefined;
}

/** What the primary process gets: the cluster, as one service. */
export interface ServiceClusterPrimary {
  role: "primary";
  endpoint: string;
  host: string;
  port: number;
  /** Where the data is, fit to print (see LocalService.database). */
  database: string;
  dataFile: string | undefined;
  accessKeys: AccessKeyConfig[];
  workspaceIds: string[];
  developmentKey: AccessKeyConfig | undefined;
  /** The process ids of the workers running now. */
  workerPids(): number[];
  /** Closes every worker as LocalService.close() does, then resolves. */
  close(): Promise<void>;
}

/** What a worker process gets: its own service, which the primary closes. */
export interface ServiceClusterWorker {
  role: "worker";
  service: LocalService;
}

export type ServiceCluster = ServiceClusterPrimary | ServiceClusterWorker;

/** Where the primary tells workers the temporary SQLite file it made for them all. */
const SHARED_DATA_FILE_ENV = "PROMPTMILL_CLUSTER_DATA_FILE";

interface ReadyMessage {
  type: "promptmill-service-ready";
  endpoint: string;
  host: string;
  port: number;
  database: string;
  dataFile: string | undefined;
  accessKeys: AccessKeyConfig[];
  workspaceIds: string[];
  developmentKey: AccessKeyConfig | undefined;
}

const CLOSE = "promptmill-service-close";

/**
 * Runs the service as `workers` processes with node:cluster: they share one listening port
 * (the primary hands each connection to the next worker) and one database. The program that
 * calls this is run again in every worker, as node:cluster does, and calls it again there:
 * so call it at the top of the program's start, with options built from the same argv and
 * environment; in the primary it returns the cluster, in a worker that worker's service.
 *
 * Any worker may answer any request: everything one needs from another (nonces, the
 * nextToken secret, the development key, System templates, unique names) is decided in the
 * database. That is what PostgreSQL is for (`database`); on one SQLite file the workers
 * work too, but their writes take turns on the file's one write lock.
 *
 * A worker that exits unexpectedly is replaced. Each worker opens its own database
 * connections (`databasePoolSize`, 10 by default): keep workers × pool size under the
 * server's max_connections.
 */
export async function startServiceCluster(options: ServiceClusterOptions): Promise<ServiceCluster> {
  const { workers, onWorkerEvent, ...serviceOptions } = options;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers must be a whole number from 1, not ${workers}`);
  }
  if (cluster.isWorker) return runWorker(serviceOptions);
  return runPrimary(workers, serviceOptions, onWorkerEvent);
}

async function runWorker(options: LocalServiceOptions): Promise<ServiceClusterWorker> {
  const service = await startLocalService({
    ...options,
    dataFile: process.env[SHARED_DATA_FILE_ENV] || options.dataFile,
  });
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // The primary asks; a signal to the whole process group (Ctrl-C) or a primary that went
  // away means the same. Either way requests in flight are finished first.
  process.on("message", (message) => {
    if (message === CLOSE) close();
  });
  process.on("disconnect", close);
  process.on("SIGINT", close);
  process.on("SIGTERM", close);
  const ready: ReadyMessage = {
    type: "promptmill-service-ready",
    endpoint: service.endpoint,
    host: service.host,
    port: service.port,
    database: service.database,
    dataFile: service.dataFile,
    accessKeys: service.accessKeys,
    workspaceIds: service.workspaceIds,
    developmentKey: service.developmentKey,
  };
  process.send?.(ready);
  return { role: "worker", service };
}

async function runPrimary(
  count: number,
  options: LocalServiceOptions,
  onWorkerEvent: ((line: string) => void) | undefined,
): Promise<ServiceClusterPrimary> {
  // Without a file or a database each worker would make a temporary file of its own, and
  // requests would land on different data: the primary makes the one they all use.
  let temporaryDirectory: string | undefined;
  const env: Record<string, string> = {};
  if (options.dataFile === undefined && options.database === undefined) {
    temporaryDirectory = mkdtempSync(join(tmpdir(), "promptmill-service-"));
    env[SHARED_DATA_FILE_ENV] = join(temporaryDirectory, "local.sqlite");
  }
  const removeTemporaryDirectory = () => {
    if (temporaryDirectory) rmSync(temporaryDirectory, { recursive: true, force: true });
  };

  const running = new Set<Worker>();
  let closing = false;
  const fork = () =>
    new Promise<ReadyMessage>((resolve, reject) => {
      const worker = cluster.fork(env);
      running.add(worker);
      const onMessage = (message: ReadyMessage) => {
        if (message?.type !== "promptmill-service-ready") return;
        worker.off("message", onMessage);
        resolve(message);
      };
      worker.on("message", onMessage);
      worker.once("exit", (code, signal) => {
        running.delete(worker);
        reject(new Error(`a service worker exited before it listened (${signal ?? code})`));
        if (closing || !started) return;
        onWorkerEvent?.(
          `worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`,
        );
        fork().catch((error: Error) => onWorkerEvent?.(`could not replace it: ${error.message}`));
      });
    });

  let started = false;
  const stopAll = () =>
    Promise.all(
      [...running].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once("exit", () => resolve());
            const cut = setTimeout(
              () => worker.process.kill("SIGKILL"),
              (options.settings?.shutdownTimeoutMs ?? 10_000) + 5_000,
            );
            cut.unref();
            try {
              worker.send(CLOSE);
            } catch {
              // Its channel closed: it is exiting already (a signal reached it too).
            }
          }),
      ),
    );

  let first: ReadyMessage;
  try {
    // One worker first: it creates or migrates the database while the others would only
    // wait for its lock; then the rest at once.
    first = await fork();
    await Promise.all(Array.from({ length: count - 1 }, fork));
    started = true;
  } catch (error) {
    closing = true;
    await stopAll();
    removeTemporaryDirectory();
    throw error;
  }

  let closed: Promise<void> | undefined;
  return {
    role: "primary",
    endpoint: first.endpoint,
    host: first.host,
    port: first.port,
    database: first.database,
    dataFile: first.dataFile,
    accessKeys: first.accessKeys,
    workspaceIds: first.workspaceIds,
    developmentKey: first.developmentKey,
    workerPids: () => [...running].flatMap((worker) => worker.process.pid ?? []),
    close() {
      closing = true;
      closed ??= stopAll().then(removeTemporaryDirectory);
      return closed;
    },
  };
}

import { mkdtempSync, rmSync } from "node:fs";
import { type Server, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { ERROR_CODES } from "@promptmill/core";
import {
  type AccessKeyConfig,
  accessKeyConfigSchema,
  accessKeyListSchema,
  createDevelopmentKey,
} from "./access-keys.js";
import { createServiceApp } from "./create-service-app.js";
import { redactDatabaseUrl } from "./database-url.js";
import { FaultInjector } from "./fault-injector.js";
import { errorBody, REQUEST_ID_HEADER } from "./internal/error-response.js";
import { InFlightResponses } from "./internal/in-flight-responses.js";
import { createRequestId } from "./internal/request-id.js";
import type { LogFormat } from "./internal/request-log.js";
import {
  type FaultSettings,
  resolveSettings,
  type ServiceSettings,
  type ServiceSettingsInput,
} from "./settings.js";
import { openTemplateStore, type StoreLocation } from "./store/open-template-store.js";
import type { TemplateStore } from "./store/template-store.js";

export interface LocalServiceOptions {
  /** Default 127.0.0.1: the service is for one machine. */
  host?: string | undefined;
  /** Default 0: any free port (read it back from `port`). */
  port?: number | undefined;
  /** The SQLite file. Default: a file in a new temporary directory, deleted by `close()`. */
  dataFile?: string | undefined;
  /**
   * A PostgreSQL URL (`postgres://user:password@host:5432/database`): the data lives there
   * instead of in a SQLite file, and several service processes may share it. See
   * `resolveDatabaseUrl` for a program's `--database` flag and `PROMPTMILL_DATABASE_URL`.
   */
  database?: string | undefined;
  /** With `database`: connections this process keeps open at most. Default 10. */
  databasePoolSize?: number | undefined;
  /** Default: one development key and workspace, created once and kept in the data file. */
  accessKeys?: readonly AccessKeyConfig[] | undefined;
  settings?: ServiceSettingsInput | undefined;
  /** Request log lines; never carry a query string or a secret. */
  log?: ((line: string) => void) | undefined;
  /** `text` (default) for people, `json` for one JSON object per line. */
  logFormat?: LogFormat | undefined;
}

export interface LocalService {
  /** `http://127.0.0.1:PORT`: what a client takes as its endpoint. */
  endpoint: string;
  host: string;
  port: number;
  /** The SQLite file, when the data is in one. */
  dataFile: string | undefined;
  /** Where the data is, fit to print: the SQLite file, or the PostgreSQL URL without its password. */
  database: string;
  accessKeys: AccessKeyConfig[];
  /** Every workspace some key may use. */
  workspaceIds: string[];
  /** The generated key when none was configured (the same one after a restart on the same file). */
  developmentKey: AccessKeyConfig | undefined;
  settings: ServiceSettings;
  store: TemplateStore;
  /** Requests received and not yet answered. */
  readonly activeRequests: number;
  /** Changes fault injection while running; with a seed, its sequence starts over. */
  setFaults(faults: Partial<FaultSettings>): void;
  /** Stops accepting, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

const DEVELOPMENT_KEY = "development-access-key";

/** Serves the service over HTTP/1.1 with Node, on a SQLite file or a PostgreSQL database. */
export async function startLocalService(options: LocalServiceOptions = {}): Promise<LocalService> {
  const settings = resolveSettings(options.settings);
  const configuredKeys = accessKeyListSchema.parse(options.accessKeys ?? []);
  const host = options.host ?? "127.0.0.1";
  if (options.database !== undefined && options.dataFile !== undefined) {
    throw new Error("Give either dataFile (SQLite) or database (PostgreSQL), not both");
  }

  if (options.database !== undefined) assertPostgresCanStore(configuredKeys);

  let temporaryDirectory: string | undefined;
  let location: StoreLocation;
  if (options.database !== undefined) {
    location = { database: options.database, poolSize: options.databasePoolSize };
  } else if (options.dataFile !== undefined) {
    location = { dataFile: options.dataFile };
  } else {
    temporaryDirectory = mkdtempSync(join(tmpdir(), "promptmill-service-"));
    location = { dataFile: join(temporaryDirectory, "local.sqlite") };
  }
  const { dataFile } = location;
  const removeTemporaryDirectory = () => {
    if (temporaryDirectory) rmSync(temporaryDirectory, { recursive: true, force: true });
  };

  let store: TemplateStore;
  try {
    store = await openTemplateStore(location);
  } catch (error) {
    removeTemporaryDirectory();
    throw error;
  }

  let server: Server;
  let developmentKey: AccessKeyConfig | undefined;
  const accessKeys = [...configuredKeys];
  const faults = new FaultInjector(settings.faults);
  try {
    if (accessKeys.length === 0) {
      const stored = await store.ensureValue(DEVELOPMENT_KEY, () =>
        JSON.stringify(createDevelopmentKey()),
      );
      developmentKey = accessKeyConfigSchema.parse(JSON.parse(stored));
      accessKeys.push(developmentKey);
    }
    const app = createServiceApp({
      store,
      accessKeys,
      settings,
      faults,
      log: options.log,
      logFormat: options.logFormat,
    });
    server = createAdaptorServer({
      fetch: app.fetch,
      // Create and Update carry the whole template in the URL: 20,000 CJK characters are
      // about 180 KB once percent-encoded, far over Node's 16 KiB default.
      serverOptions: { maxHeaderSize: settings.maxHeaderBytes },
    }) as Server;
    server.on("clientError", answerClientError);
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    await store.close();
    removeTemporaryDirectory();
    throw error;
  }

  const inFlight = new InFlightResponses();
  let closing: Promise<void> | undefined;
  server.prependListener("request", (_request, response: ServerResponse) => {
    inFlight.track(response);
    // A request that arrives on a kept-alive connection while closing is still answered,
    // then its connection ends.
    if (closing) response.setHeader("connection", "close");
  });

  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      // Responses still being prepared end their connection instead of keeping it alive,
      // so the server can finish closing once they are sent.
      inFlight.forEach((response) => {
        if (!response.headersSent) response.setHeader("connection", "close");
      });
      const forceTimer = setTimeout(() => server.closeAllConnections(), settings.shutdownTimeoutMs);
      forceTimer.unref();
      server.close(() => {
        clearTimeout(forceTimer);
        store.close().then(() => {
          removeTemporaryDirectory();
          resolve();
        }, reject);
      });
      server.closeIdleConnections();
    });
    return closing;
  };

  const { port } = server.address() as AddressInfo;
  const endpointHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return {
    endpoint: `http://${endpointHost.includes(":") ? `[${endpointHost}]` : endpointHost}:${port}`,
    host,
    port,
    dataFile,
    database:
      location.database === undefined ? location.dataFile : redactDatabaseUrl(location.database),
    accessKeys,
    workspaceIds: [...new Set(accessKeys.flatMap((key) => key.workspaces))],
    developmentKey,
    settings,
    store,
    get activeRequests() {
      return inFlight.size;
    },
    setFaults: (next) => faults.set(next),
    close,
  };
}

/**
 * PostgreSQL's text cannot hold U+0000, so neither can its workspace and AccessKey ids (the
 * SQLite file can): refused at start rather than answered differently by each store.
 */
function assertPostgresCanStore(keys: readonly AccessKeyConfig[]): void {
  for (const key of keys) {
    for (const identifier of [key.accessKeyId, ...key.workspaces]) {
      if (identifier.includes("\u0000")) {
        throw new Error(
          `AccessKey and workspace ids cannot contain U+0000 with a PostgreSQL database: ${JSON.stringify(identifier)}`,
        );
      }
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/**
 * Node answers an over-long request line or header block with a bare 431 and no body. Long
 * templates travel in the URL, so this is the usual way to send too much: answer it like the
 * gateway, in JSON, and close the connection.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code !== "HPE_HEADER_OVERFLOW") {
    const status =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    return;
  }
  const requestId = createRequestId();
  const body = JSON.stringify(
    errorBody("RequestTooLarge", {
      requestId,
      host: "",
      message:
        "The request line and headers are larger than accepted; templates travel in the URL.",
    }),
  );
  const { status } = ERROR_CODES.RequestTooLarge;
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      "Content-Type: application/json; charset=utf-8",
      `Content-Length: ${Buffer.byteLength(body)}`,
      `${REQUEST_ID_HEADER}: ${requestId}`,
      "Connection: close",
      "",
      body,
    ].join("\r\n"),
  );
}

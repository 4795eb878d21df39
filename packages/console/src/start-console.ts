import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import type { ModelStudioClient, ModelStudioClientOptions } from "@promptmill/core";
import { createAccessSecrets } from "./internal/access-secrets.js";
import { loadClientAssets } from "./internal/client-assets.js";
import { createConsoleApp } from "./internal/create-console-app.js";
import { ImportJobs } from "./internal/import-jobs.js";
import { NoticeBoard } from "./internal/notice-board.js";
import { SystemTemplateIds } from "./internal/system-template-ids.js";

/** The console listens here and nowhere else: it acts with the credentials of whoever started it. */
export const CONSOLE_HOST = "127.0.0.1";

export interface ConsoleOptions {
  /** Every call to the service goes through it: the browser never holds a credential. */
  readonly client: ModelStudioClient;
  readonly workspaceId: string;
  /**
   * The credentials the importer signs with (it makes clients of its own, with its own retry
   * rules): pass the ones `client` was made with. Default: the credential chain.
   */
  readonly credentials?: ModelStudioClientOptions["credentials"];
  /** Default 0: any free port. */
  readonly port?: number | undefined;
  /**
   * Where uploaded CSV files and their journals, reports and reject files are kept. Keep it
   * between runs to resume an interrupted import by uploading the same file again. Default: a
   * temporary directory removed by `close()`.
   */
  readonly workDirectory?: string | undefined;
  /** Failures of the console itself (never a secret, never a query string). */
  readonly log?: ((line: string) => void) | undefined;
}

export interface RunningConsole {
  /** `http://127.0.0.1:PORT/?token=…`: the address to open; it carries the token. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly port: number;
  /** The random token of this run. Whoever has it can use the console: print it only to its user. */
  readonly token: string;
  /** Stops listening, stops running imports (their journals written) and ends open connections. */
  close(): Promise<void>;
}

/** Starts a console for one workspace on 127.0.0.1. */
export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const assets = await loadClientAssets();
  const temporaryDirectory =
    options.workDirectory === undefined
      ? await mkdtemp(join(tmpdir(), "promptmill-console-"))
      : undefined;
  const workDirectory = temporaryDirectory ?? resolve(options.workDirectory as string);
  const stop = new AbortController();
  const secrets = createAccessSecrets();
  const imports = new ImportJobs(
    {
      workspaceId: options.workspaceId,
      endpoint: options.client.endpoint,
      credentials: options.credentials,
    },
    workDirectory,
  );
  let port = 0;
  const app = createConsoleApp(
    {
      client: options.client,
      workspaceId: options.workspaceId,
      secrets,
      assets,
      systemTemplates: new SystemTemplateIds(options.client, options.workspaceId),
      notices: new NoticeBoard(),
      imports,
      signal: stop.signal,
      log: options.log ?? (() => {}),
    },
    () => port,
  );
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  try {
    await new Promise<void>((resolvePromise, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, CONSOLE_HOST, () => {
        server.off("error", reject);
        resolvePromise();
      });
    });
  } catch (error) {
    if (temporaryDirectory) await rm(temporaryDirectory, { recursive: true, force: true });
    throw error;
  }
  port = (server.address() as AddressInfo).port;
  const origin = `http://${CONSOLE_HOST}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${secrets.token}`,
    origin,
    port,
    token: secrets.token,
    close() {
      closing ??= (async () => {
        stop.abort();
        await imports.close();
        await new Promise<void>((resolvePromise) => {
          server.close(() => resolvePromise());
          // Browsers keep connections open; the console is going away, so are they.
          server.closeAllConnections();
        });
        if (temporaryDirectory) await rm(temporaryDirectory, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

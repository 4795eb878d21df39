import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CredentialsInput,
  iteratePromptTemplates,
  ModelStudioClient,
  type PromptTemplateSummary,
} from "@promptmill/core";
import {
  type LocalService,
  type ServiceSettingsInput,
  startLocalService,
} from "@promptmill/service";
import { stringify } from "csv-stringify/sync";

/** A real local service on 127.0.0.1 with a SQLite file in a temp dir, and a client for it. */
export interface TestService {
  readonly service: LocalService;
  readonly endpoint: string;
  readonly workspaceId: string;
  readonly credentials: CredentialsInput;
  readonly client: ModelStudioClient;
  /** Every Custom template of the workspace, in creation order. */
  list(): Promise<PromptTemplateSummary[]>;
  close(): Promise<void>;
}

export async function startTestService(settings?: ServiceSettingsInput): Promise<TestService> {
  const service = await startLocalService({ port: 0, settings });
  const key = service.accessKeys[0];
  const workspaceId = key?.workspaces[0];
  if (key === undefined || workspaceId === undefined) throw new Error("no development key");
  const credentials = { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
  const client = new ModelStudioClient({ endpoint: service.endpoint, credentials });
  return {
    service,
    endpoint: service.endpoint,
    workspaceId,
    credentials,
    client,
    async list() {
      const all: PromptTemplateSummary[] = [];
      const input = { workspaceId, type: "Custom" as const, maxResults: 100 };
      for await (const template of iteratePromptTemplates(client, input)) all.push(template);
      return all;
    },
    close: () => service.close(),
  };
}

export interface TempDir {
  readonly path: string;
  file(name: string): string;
  /** Writes a CSV from a header and rows (quoted as needed) and returns its path. */
  csv(name: string, rows: ReadonlyArray<readonly string[]>): string;
  remove(): void;
}

export function tempDir(prefix = "promptmill-import-"): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    csv(name, rows) {
      const file = join(path, name);
      writeFileSync(file, stringify(rows as string[][]));
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Names that occur more than once, and the names of `expected` that are missing. */
export function compareNames(
  templates: readonly Pick<PromptTemplateSummary, "name">[],
  expected: readonly string[],
): { duplicates: string[]; missing: string[]; unexpected: string[] } {
  const seen = new Map<string, number>();
  for (const template of templates) seen.set(template.name, (seen.get(template.name) ?? 0) + 1);
  const wanted = new Set(expected);
  return {
    duplicates: [...seen].filter(([, count]) => count > 1).map(([name]) => name),
    missing: expected.filter((name) => !seen.has(name)),
    unexpected: [...seen.keys()].filter((name) => !wanted.has(name)),
  };
}

/** A pass-through HTTP proxy to the service that can answer every write with a 500. */
export interface WriteFailingProxy {
  readonly endpoint: string;
  failWrites: boolean;
  close(): Promise<void>;
}

export async function startWriteFailingProxy(target: string): Promise<WriteFailingProxy> {
  const targetUrl = new URL(target);
  const proxy: WriteFailingProxy = {
    endpoint: "",
    failWrites: true,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    if (proxy.failWrites && request.method !== "GET") {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          code: "PromptTemplate.InternalError",
          message: "An internal error occurred.",
          requestId: "00000000-0000-0000-0000-000000000000",
        }),
      );
      return;
    }
    // The Host header is passed on as received: the signature covers it.
    const upstream = httpRequest(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, { endpoint: `http://127.0.0.1:${port}` });
}

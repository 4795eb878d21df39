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
  /** Every workspace the key may use (the first is `workspaceId`). */
  readonly workspaceIds: readonly string[];
  readonly credentials: CredentialsInput;
  readonly client: ModelStudioClient;
  /** Every Custom template of the workspace (default the first), in creation order. */
  list(workspaceId?: string): Promise<PromptTemplateSummary[]>;
  close(): Promise<void>;
}

export async function startTestService(
  settings?: ServiceSettingsInput,
  options: { readonly workspaces?: number } = {},
): Promise<TestService> {
  const workspaces = options.workspaces ?? 1;
  // One workspace: the development key the service makes. More: a key configured for them.
  const accessKeys =
    workspaces === 1
      ? undefined
      : [
          {
            accessKeyId: "LTAIimportertest0001",
            accessKeySecret: "importer-test-secret-0000000000",
            workspaces: Array.from(
              { length: workspaces },
              (_, i) => `llm-importtest${String(i).padStart(6, "0")}`,
            ),
          },
        ];
  const service = await startLocalService({ port: 0, settings, accessKeys });
  const key = service.accessKeys[0];
  const workspaceId = key?.workspaces[0];
  if (key === undefined || workspaceId === undefined) throw new Error("no development key");
  const credentials = { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
  const client = new ModelStudioClient({ endpoint: service.endpoint, credentials });
  return {
    service,
    endpoint: service.endpoint,
    workspaceId,
    workspaceIds: key.workspaces,
    credentials,
    client,
    async list(which = workspaceId) {
      const all: PromptTemplateSummary[] = [];
      const input = { workspaceId: which, type: "Custom" as const, maxResults: 100 };
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
  /** The next this many writes reach the service, and then their answer is lost (cut). */
  cutWritesAfterCommit: number;
  close(): Promise<void>;
}

export async function startWriteFailingProxy(target: string): Promise<WriteFailingProxy> {
  const targetUrl = new URL(target);
  const proxy: WriteFailingProxy = {
    endpoint: "",
    failWrites: true,
    cutWritesAfterCommit: 0,
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
        if (request.method !== "GET" && proxy.cutWritesAfterCommit > 0) {
          proxy.cutWritesAfterCommit--;
          answer.resume();
          answer.on("end", () => response.socket?.destroy());
          return;
        }
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

/**
 * Fills a workspace with `count` Custom templates (`${prefix}${i}`) through the service's
 * store, which is much faster than through the API (no signing, no HTTP): what it takes to
 * test against a big workspace. The first List registers the workspace as a client would.
 */
export async function fillWorkspace(
  svc: TestService,
  count: number,
  prefix = "existing ",
  workspaceId = svc.workspaceId,
): Promise<void> {
  await svc.client.listPromptTemplates({ workspaceId, maxResults: 1 });
  for (let i = 0; i < count; i++) {
    await svc.service.store.create(workspaceId, {
      name: `${prefix}${i}`,
      content: `content ${i}`,
      variables: [],
    });
  }
}

/**
 * A pass-through proxy that makes ListPromptTemplates hand back, on every page after the
 * first, the nextToken the request came with: a service whose paging cycles.
 */
export async function startRepeatingTokenProxy(target: string): Promise<WriteFailingProxy> {
  const targetUrl = new URL(target);
  const server = createServer((request, response) => {
    const token = new URL(request.url ?? "/", "http://x").searchParams.get("nextToken");
    const upstream = httpRequest(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        const isList = request.headers["x-acs-action"] === "ListPromptTemplates";
        if (!isList || token === null || answer.statusCode !== 200) {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          const text = JSON.stringify({ ...body, nextToken: token });
          const { "content-length": _, ...headers } = answer.headers;
          response.writeHead(200, { ...headers, "content-length": Buffer.byteLength(text) });
          response.end(text);
        });
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    failWrites: false,
    cutWritesAfterCommit: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

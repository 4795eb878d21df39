import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  iteratePromptTemplates,
  ModelStudioClient,
  type PromptTemplateSummary,
} from "@promptmill/core";
import { type LocalService, startLocalService } from "@promptmill/service";

export interface TestService {
  readonly service: LocalService;
  readonly workspaceId: string;
  /** The environment a worker needs to reach the service as its development key. */
  readonly env: Record<string, string>;
  list(): Promise<PromptTemplateSummary[]>;
  close(): Promise<void>;
}

/** A real local service on 127.0.0.1, its SQLite file in a temp dir. */
export async function startTestService(): Promise<TestService> {
  const service = await startLocalService({ port: 0 });
  const key = service.accessKeys[0];
  const workspaceId = key?.workspaces[0];
  if (key === undefined || workspaceId === undefined) throw new Error("no development key");
  const credentials = { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
  const client = new ModelStudioClient({ endpoint: service.endpoint, credentials });
  return {
    service,
    workspaceId,
    env: {
      PROMPTMILL_ENDPOINT: service.endpoint,
      PROMPTMILL_WORKSPACE: workspaceId,
      ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
    },
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
  csv(name: string, rows: ReadonlyArray<readonly string[]>): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), "promptmill-worker-"));
  return {
    path,
    file: (name) => join(path, name),
    csv(name, rows) {
      const file = join(path, name);
      writeFileSync(file, toCsv(rows));
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Every field quoted, quotes doubled: valid CSV for any text. */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  const field = (value: string) => `"${value.replaceAll('"', '""')}"`;
  return `${rows.map((row) => row.map(field).join(",")).join("\n")}\n`;
}

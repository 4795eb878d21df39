import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelStudioClient } from "@promptmill/core";
import { type LocalService, startLocalService } from "@promptmill/service";

/** The real local service on 127.0.0.1 with a SQLite file, a client for it, and a temp folder. */
export interface SyncTestBed {
  readonly service: LocalService;
  readonly client: ModelStudioClient;
  readonly workspaceId: string;
  /** A fresh, empty directory for the prompt folder. */
  readonly dir: string;
  close(): Promise<void>;
}

export async function startSyncTestBed(): Promise<SyncTestBed> {
  const root = await mkdtemp(join(tmpdir(), "promptmill-sync-"));
  const service = await startLocalService({ port: 0, dataFile: join(root, "local.sqlite") });
  const key = service.developmentKey ?? service.accessKeys[0];
  const workspaceId = service.workspaceIds[0];
  if (key === undefined || workspaceId === undefined) throw new Error("no development key");
  const client = new ModelStudioClient({
    endpoint: service.endpoint,
    credentials: { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret },
  });
  return {
    service,
    client,
    workspaceId,
    dir: join(root, "prompts"),
    async close() {
      await service.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AccessKeyConfig, type LocalService, startLocalService } from "@promptmill/service";

export interface TestService {
  service: LocalService;
  directory: string;
  key: AccessKeyConfig;
  workspaceId: string;
  /** The environment a CLI run needs to reach this service with the test key. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The real local service on 127.0.0.1 with a SQLite file in a temp dir, and one or more workspaces. */
export async function startTestService(
  options: { workspaces?: number; accessKeySecret?: string } = {},
): Promise<TestService> {
  const directory = await mkdtemp(join(tmpdir(), "promptmill-cli-test-"));
  const workspaces = Array.from(
    { length: options.workspaces ?? 1 },
    (_, index) => `llm-clitest${String(index).padStart(9, "0")}`,
  );
  const key: AccessKeyConfig = {
    accessKeyId: "LTAIclitestkey000000001",
    accessKeySecret: options.accessKeySecret ?? "cli-test-secret-000000000000000",
    workspaces,
  };
  const service = await startLocalService({
    port: 0,
    dataFile: join(directory, "service.sqlite"),
    accessKeys: [key],
  });
  const workspaceId = workspaces[0] ?? "";
  return {
    service,
    directory,
    key,
    workspaceId,
    env: {
      PROMPTMILL_ENDPOINT: service.endpoint,
      PROMPTMILL_WORKSPACE: workspaceId,
      ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
    },
    async close() {
      await service.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

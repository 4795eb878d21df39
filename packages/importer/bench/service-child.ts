import { startLocalService } from "@promptmill/service";

/**
 * The local service in a process of its own, so the benchmark's worker and baseline share
 * the two cores with it the way a real deployment would (and the worker's RSS is its own).
 * Prints one JSON line with the endpoint, workspace and key once it listens; SIGTERM stops it.
 */
const service = await startLocalService({ port: 0, settings: { systemTemplates: false } });
const key = service.accessKeys[0];
if (key === undefined) throw new Error("the local service made no development key");
process.stdout.write(
  `${JSON.stringify({
    endpoint: service.endpoint,
    workspaceId: key.workspaces[0],
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
  })}\n`,
);
process.once("SIGTERM", () => {
  service.close().then(() => process.exit(0));
});

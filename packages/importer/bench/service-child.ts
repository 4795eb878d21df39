import { startLocalService } from "@promptmill/service";

/**
 * The local service in a process of its own, so the benchmark's worker and baseline share
 * the two cores with it the way a real deployment would (and the worker's RSS is its own).
 * Prints one JSON line with the endpoint, workspace and key once it listens; SIGTERM stops it.
 */
const service = await startLocalService({ port: 0, settings: { systemTemplates: false } });
const key = service.accessKeys[0];
if (key === undefined) throw new Error("the local service made no development key");
// BENCH_FILL_TEMPLATES=N: a workspace of N Custom templates before it listens, made through
// the store (far faster than through the API), for the existing-names measurement.
const fill = Number(process.env.BENCH_FILL_TEMPLATES ?? 0);
const workspaceId = key.workspaces[0] ?? "";
if (fill > 0) await service.store.ensureWorkspace(workspaceId, []);
for (let i = 0; i < fill; i++) {
  await service.store.create(workspaceId, {
    name: `existing template ${i}`,
    content: `existing content ${i}`,
    variables: [],
  });
}
process.stdout.write(
  `${JSON.stringify({
    endpoint: service.endpoint,
    workspaceId,
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
  })}\n`,
);
process.once("SIGTERM", () => {
  service.close().then(() => process.exit(0));
});

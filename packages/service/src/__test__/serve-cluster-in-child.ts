import { startServiceCluster } from "../start-service-cluster.js";

/**
 * A service cluster as a program runs it: node:cluster runs this file again in each worker.
 * Options come as JSON in SERVICE_OPTIONS (the environment, which workers inherit). The
 * primary prints {"port", "workerPids"} once all listen, then one {"event"} line per worker
 * event, and closes on SIGTERM.
 */
const options = JSON.parse(process.env.SERVICE_OPTIONS ?? "{}");
const started = await startServiceCluster({
  ...options,
  onWorkerEvent: (event) => process.stdout.write(`${JSON.stringify({ event })}\n`),
});
if (started.role === "primary") {
  process.stdout.write(
    `${JSON.stringify({ port: started.port, workerPids: started.workerPids() })}\n`,
  );
  process.once("SIGTERM", () => {
    started.close().then(() => process.exit(0));
  });
}

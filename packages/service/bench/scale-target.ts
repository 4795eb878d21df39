import { monitorEventLoopDelay } from "node:perf_hooks";
import { startLocalService } from "../src/index.js";
import { BENCH_KEY } from "./bench-key.js";

/**
 * The service under the scale benchmark, in a process of its own on an already seeded
 * database: SCALE_TARGET_DATABASE (a PostgreSQL URL; in the environment, since a command line
 * is readable by any user) or SCALE_TARGET_DATA_FILE. Prints {"port"} once listening,
 * answers "rss" with its resident memory in bytes, "loop-delay-start" and "loop-delay" with
 * how late its event loop ran timers in between (ms: p50, p99, max), stops on SIGTERM.
 */
const database = process.env.SCALE_TARGET_DATABASE || undefined;
const service = await startLocalService({
  ...(database ? { database } : { dataFile: process.env.SCALE_TARGET_DATA_FILE }),
  accessKeys: [BENCH_KEY],
  // Thousands of signed requests with one key: far under the default bound, set high anyway
  // so no run is ever throttled by it.
  settings: { maxLiveNoncesPerKey: 10_000_000, maxResultsLimit: 100 },
});
process.stdout.write(`${JSON.stringify({ port: service.port })}\n`);
// Whether /healthz waited for the event loop (a request holding it) or for a CPU (two cores
// shared with the load generator): only the first shows here.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
process.on("message", (message) => {
  if (message === "rss") process.send?.(process.memoryUsage().rss);
  if (message === "loop-delay-start") {
    loopDelay.reset();
    loopDelay.enable();
    process.send?.("started");
  }
  if (message === "loop-delay") {
    loopDelay.disable();
    const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e3) / 1e3;
    process.send?.({
      p50: ms(loopDelay.percentile(50)),
      p99: ms(loopDelay.percentile(99)),
      max: ms(loopDelay.max),
    });
  }
});
process.once("SIGTERM", () => {
  service.close().then(() => process.exit(0));
});

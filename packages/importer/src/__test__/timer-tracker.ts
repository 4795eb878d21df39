import { createHook } from "node:async_hooks";
import { fileURLToPath } from "node:url";

const SOURCE = fileURLToPath(new URL("..", import.meta.url));

/**
 * Records every timer created by the importer's own code (a stack frame in src/, outside
 * this helper and the tests) and forgets it once it fires or is cleared. What is left when a
 * job has returned is a leak: an interval still writing to a closed journal, a timeout holding
 * the job alive. Timers of the HTTP client (undici's keep-alive) are not the job's and are
 * left out.
 */
export function trackImporterTimers(): { live(): string[]; stop(): void } {
  const live = new Map<number, string>();
  const hook = createHook({
    init(asyncId, type) {
      if (type !== "Timeout") return;
      const stack = new Error().stack ?? "";
      const frame = stack
        .split("\n")
        .find(
          (line) =>
            line.includes(SOURCE) && !line.includes("__test__") && !line.includes(".test.ts"),
        );
      if (frame !== undefined) live.set(asyncId, frame.trim());
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  });
  hook.enable();
  return {
    live: () => [...live.values()],
    stop: () => hook.disable(),
  };
}

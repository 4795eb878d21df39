import { Session } from "node:inspector/promises";

/** What one measured action did, as V8 counted it. */
export interface Work {
  /** Function calls plus executions of every block (loop bodies, branches) of JavaScript. */
  readonly total: number;
  /** How many times functions of this name ran. */
  calls(functionName: string): number;
}

export interface MeasureOptions {
  /**
   * Run the action this many times and keep the run that did the least work. Coverage counts
   * every script of the process, so a timer or message of the test runner that fires while
   * the action runs (more likely on a loaded machine) adds to its count; such noise only ever
   * adds, so the smallest of a few runs is the action's own. Only for actions that can be
   * repeated without side effects. Default 1.
   */
  readonly attempts?: number;
}

export interface WorkMeter {
  measure(action: () => unknown, options?: MeasureOptions): Promise<Work>;
  stop(): Promise<void>;
}

/**
 * Counts work instead of timing it: V8's precise block coverage counts every function call
 * and every execution of every block, exactly, whatever else the machine is doing. Two sizes
 * of one input then show how work grows: linear code does about 8 times the work for 8 times
 * the input, quadratic code about 64 times.
 *
 * V8 only counts code compiled after counting started, so start the meter first and import
 * the code under test afterwards (`await import(…)`). Work in native code (a regex, indexOf)
 * is not counted; a test that relies on the meter must keep that in mind.
 */
export async function startWorkMeter(): Promise<WorkMeter> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });

  async function measureOnce(action: () => unknown): Promise<Work> {
    // Taking coverage resets the counters: what the next take returns is the action's.
    await session.post("Profiler.takePreciseCoverage");
    await action();
    const { result } = await session.post("Profiler.takePreciseCoverage");
    let total = 0;
    const callsByName = new Map<string, number>();
    for (const script of result) {
      for (const fn of script.functions) {
        for (const range of fn.ranges) total += range.count;
        // The first range is the whole function: its count is how often it was called.
        const calls = fn.ranges[0]?.count ?? 0;
        callsByName.set(fn.functionName, (callsByName.get(fn.functionName) ?? 0) + calls);
      }
    }
    return { total, calls: (name) => callsByName.get(name) ?? 0 };
  }

  return {
    async measure(action, options = {}) {
      let least: Work | undefined;
      for (let attempt = 0; attempt < Math.max(1, options.attempts ?? 1); attempt++) {
        const work = await measureOnce(action);
        if (least === undefined || work.total < least.total) least = work;
      }
      return least as Work;
    },
    async stop() {
      await session.post("Profiler.stopPreciseCoverage");
      await session.post("Profiler.disable");
      session.disconnect();
    },
  };
}

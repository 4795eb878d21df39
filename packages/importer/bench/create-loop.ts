/**
 * Runs `create(i)` for i in [0, creates) with `concurrency` in flight, then prints one JSON line:
 * the loop's wall time and rate, the CPU of the loop alone (what the sender spends per Create,
 * start-up such as tsx and imports left out) and the process's peak RSS and total CPU. Shared
 * by the loops the benchmark compares (baseline-child.ts, bare-http-child.ts), so they are
 * measured alike.
 */
export async function runCreateLoop(
  creates: number,
  concurrency: number,
  create: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < creates) await create(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const loopCpu = process.cpuUsage(cpuBefore);
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({
      creates,
      seconds,
      rowsPerSecond: creates / seconds,
      maxRssBytes: usage.maxRSS * 1024,
      cpuUserMs: Math.round(usage.userCPUTime / 1000),
      cpuSystemMs: Math.round(usage.systemCPUTime / 1000),
      loopCpuMicros: loopCpu.user + loopCpu.system,
    })}\n`,
  );
}

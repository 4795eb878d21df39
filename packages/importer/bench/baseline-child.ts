import { ModelStudioClient } from "@promptmill/core";
import { rowContent, rowName } from "./rows.js";

/**
 * The ceiling of an import: a plain loop of signed Creates with the client at the given
 * concurrency, in a process of its own like the worker, so both are measured the same way.
 * Usage: baseline-child.ts <endpoint> <workspace> <creates> <concurrency>, with the key in
 * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET. Prints one JSON line.
 */
const [endpoint, workspaceId = "", creates = "0", concurrency = "8"] = process.argv.slice(2);
const total = Number(creates);
const client = new ModelStudioClient({ endpoint });
let next = 0;
const started = performance.now();
// CPU of the loop alone: what the client spends per Create, start-up (tsx, imports) left out.
const cpuBefore = process.cpuUsage();
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next < total) {
      const i = next++;
      await client.createPromptTemplate({ workspaceId, name: rowName(i), content: rowContent(i) });
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const loopCpu = process.cpuUsage(cpuBefore);
const usage = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({
    creates: total,
    seconds,
    rowsPerSecond: total / seconds,
    maxRssBytes: usage.maxRSS * 1024,
    cpuUserMs: Math.round(usage.userCPUTime / 1000),
    cpuSystemMs: Math.round(usage.systemCPUTime / 1000),
    loopCpuMicros: loopCpu.user + loopCpu.system,
  })}\n`,
);

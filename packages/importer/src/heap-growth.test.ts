import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL("./__test__/heap-growth-probe.ts", import.meta.url));

async function largestHeap(mode: string, nodeFlags: string[] = []): Promise<number> {
  const { stdout } = await run(process.execPath, [...nodeFlags, "--import", "tsx", PROBE, mode]);
  return Number(stdout.trim());
}

describe("limitHeapGrowthForBulkJobs", () => {
  let plain = 0;
  beforeAll(async () => {
    plain = await largestHeap("plain");
  });

  it("keeps the heap of a fast-allocating process well below V8's default growth", async () => {
    const limited = await largestHeap("limited");
    expect(limited).toBeLessThan(plain * 0.7);
  });

  it("leaves a growing percent the user gave node alone", async () => {
    const userChoice = await largestHeap("limited", ["--heap-growing-percent=300"]);
    expect(userChoice).toBeGreaterThan(plain * 0.7);
  });
});

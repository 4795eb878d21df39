import { cpus, loadavg, totalmem } from "node:os";

/**
 * The machine a benchmark ran on, described the same way by every bench, so that results
 * from different benches can be compared and every performance claim states the machine it
 * was measured on. The load average says how much other work was running meanwhile, and so
 * how much it may have disturbed the figures.
 */
export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  /** `process.version`, e.g. `v20.20.2`. */
  node: string;
  /** `${process.platform}-${process.arch}`, e.g. `linux-x64`. */
  platform: string;
  /** The 1-, 5- and 15-minute load averages when the machine was described, to 2 decimals. */
  loadAverage: number[];
}

/** This machine, with its load average now. */
export function describeMachine(): Machine {
  const processors = cpus();
  return {
    cores: processors.length,
    cpu: processors[0]?.model.trim() || "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: loadAverageNow(),
  };
}

/** The 1-, 5- and 15-minute load averages now, to 2 decimals (e.g. for a figure at the end). */
export function loadAverageNow(): number[] {
  return loadavg().map((load) => Math.round(load * 100) / 100);
}

/**
 * The machine in one line for people, e.g.
 * `2 cores (AMD EPYC), 24 GiB, Node v20.20.2, linux-x64, load average 1.84 3.06 3.28`.
 */
export function machineLine(machine: Machine): string {
  return (
    `${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
    `${machine.platform}, load average ${machine.loadAverage.join(" ")}`
  );
}

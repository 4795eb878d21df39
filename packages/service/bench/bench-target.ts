import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** A benchmark target (serve-target.ts) running in a child process. */
export interface BenchTarget {
  port: number;
  child: ChildProcess;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Starts serve-target.ts as `kind`; `nodeOptions` go to node (`--cpu-prof`, for one). */
export function startTarget(
  kind: "service" | "hello",
  nodeOptions: readonly string[] = [],
): Promise<BenchTarget> {
  return startScript("serve-target.ts", [kind], { nodeOptions });
}

/**
 * Starts a script of this directory in a child process with an IPC channel; it prints one
 * JSON line with its port once it listens. `env` is added to this process's environment.
 */
export async function startScript(
  script: string,
  args: readonly string[],
  options: { nodeOptions?: readonly string[]; env?: Record<string, string> } = {},
): Promise<BenchTarget> {
  const child = spawn(
    process.execPath,
    [...(options.nodeOptions ?? []), "--import", "tsx", join(here, script), ...args],
    { stdio: ["ignore", "pipe", "inherit", "ipc"], env: { ...process.env, ...options.env } },
  );
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return { port, child };
}

export async function stopTarget(target: BenchTarget): Promise<void> {
  const exited = new Promise((resolve) => target.child.once("exit", resolve));
  target.child.kill("SIGTERM");
  await exited;
}

/** The target's CPU time so far (user + system), in microseconds. */
export function targetCpuMicros(target: BenchTarget): Promise<number> {
  return new Promise((resolve) => {
    target.child.once("message", (usage) => {
      const { user, system } = usage as NodeJS.CpuUsage;
      resolve(user + system);
    });
    target.child.send("cpu-usage");
  });
}

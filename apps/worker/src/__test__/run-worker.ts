import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/promptmill-worker.js", import.meta.url));

export interface WorkerRun {
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly done: Promise<WorkerExit>;
}

export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `promptmill-worker` as a real child process, with only the environment given. */
export function startWorker(args: readonly string[], env: Record<string, string>): WorkerRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<WorkerExit>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runWorker(
  args: readonly string[],
  env: Record<string, string>,
): Promise<WorkerExit> {
  return startWorker(args, env).done;
}

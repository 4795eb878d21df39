import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/promptmill-worker.js", import.meta.url));
/**
 * The CLI of this repository, run from source: only the exit-code tests use it, to show that
 * `promptmill import` and `promptmill-worker import` end the same way for the same outcome.
 */
export const CLI_BIN = fileURLToPath(new URL("../../../cli/bin/promptmill.js", import.meta.url));

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

/**
 * Starts `promptmill-worker` as a real child process, with only the environment given.
 * `command`: what to run instead of `node <worker>` (another program, or a wrapper such as
 * `unshare`), the arguments following it.
 */
export function startWorker(
  args: readonly string[],
  env: Record<string, string>,
  command: readonly string[] = [process.execPath, BIN],
): WorkerRun {
  const [executable = process.execPath, ...prefix] = command;
  const child = spawn(executable, [...prefix, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent", NO_COLOR: "1", ...env },
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
  command?: readonly string[],
): Promise<WorkerExit> {
  return startWorker(args, env, command).done;
}

/** `promptmill <args>` (the CLI), as a child process like the worker. */
export function runCliProgram(
  args: readonly string[],
  env: Record<string, string>,
): Promise<WorkerExit> {
  return startWorker(args, env, [process.execPath, CLI_BIN]).done;
}

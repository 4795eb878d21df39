import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { LocalServiceOptions } from "../../start-local-service.js";

export interface ServiceProcess {
  port: number;
  child: ChildProcess;
  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves once the process is gone. */
  stop(signal: "SIGTERM" | "SIGKILL"): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL("./serve-in-child.ts", import.meta.url));
const PACKAGE = fileURLToPath(new URL("../../..", import.meta.url));

/** Starts the local service in a child process on 127.0.0.1 with these options. */
export async function startServiceProcess(options: LocalServiceOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    cwd: PACKAGE,
    env: { ...process.env, SERVICE_OPTIONS: JSON.stringify({ ...options, host: "127.0.0.1" }) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const exited = once(child, "exit");
  const first = await Promise.race([
    once(lines, "line").then(([line]) => String(line)),
    exited.then(() => undefined),
  ]);
  if (first === undefined) throw new Error("the service process exited before listening");
  const { port } = JSON.parse(first) as { port: number };
  return {
    port,
    child,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";
import { cleanEnvironment } from "../install-promptmill.js";

const execFileAsync = promisify(execFile);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The installation the global setup made (see install-once.ts). */
export function installed() {
  const paths = inject("installed");
  const env = cleanEnvironment({ PATH: paths.path, NO_COLOR: "1" });
  return {
    ...paths,
    env,
    bin: (name: string) => join(paths.prefix, "bin", name),
    /** Runs a command with the prefix's bin first on PATH; never throws for a non-zero exit. */
    async run(
      command: string,
      args: readonly string[],
      options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
    ): Promise<RunResult> {
      try {
        const { stdout, stderr } = await execFileAsync(command, args, {
          cwd: options.cwd ?? paths.root,
          env: { ...env, ...options.env },
          maxBuffer: 32 * 1024 * 1024,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        if (typeof failed.code !== "number") throw error;
        return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
      }
    },
  };
}

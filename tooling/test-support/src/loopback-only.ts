import { fileURLToPath, pathToFileURL } from "node:url";

/** The preload that keeps a program under test on 127.0.0.1 (see preload/loopback-only.mjs). */
export const LOOPBACK_ONLY_PRELOAD = fileURLToPath(
  new URL("../preload/loopback-only.mjs", import.meta.url),
);

/**
 * NODE_OPTIONS for a child process that must not reach any other address: host names fail as
 * they would offline (ENOTFOUND) and connections to non-loopback addresses are refused.
 */
export function loopbackOnlyNodeOptions(): string {
  return `--import=${JSON.stringify(pathToFileURL(LOOPBACK_ONLY_PRELOAD).href)}`;
}

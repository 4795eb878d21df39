import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./repo-root.js";

const run = promisify(execFile);

/**
 * better-sqlite3 installs through prebuild-install, which downloads a prebuilt addon from
 * GitHub and, where it cannot (as here: nothing off this machine is reachable), compiles
 * SQLite from source (~100 s). Before downloading, prebuild-install looks for the same archive
 * in a local folder (`npm_config_<package>_local_prebuilds`). We put the addon the workspace
 * compiled there, packed the way prebuild-install expects: same version, same Node ABI. The
 * returned variables point npm's install of better-sqlite3 at that folder.
 */
export async function addLocalPrebuilds(dir: string): Promise<Record<string, string>> {
  const require = createRequire(join(REPO_ROOT, "packages", "service", "package.json"));
  const packageRoot = dirname(require.resolve("better-sqlite3/package.json"));
  const { name, version } = JSON.parse(await readFile(join(packageRoot, "package.json"), "utf8"));
  const addon = join("build", "Release", "better_sqlite3.node");
  if (!existsSync(join(packageRoot, addon))) return {};
  const archive = `${name}-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await mkdir(dir, { recursive: true });
  await run("tar", ["-czf", join(dir, archive), "-C", packageRoot, addon]);
  return { [`npm_config_${name.replace(/[^a-zA-Z0-9]/g, "_")}_local_prebuilds`]: dir };
}

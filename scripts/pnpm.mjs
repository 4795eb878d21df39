#!/usr/bin/env node
// Runs the pinned pnpm through npx, installing first, so that `npm run demo` and `npm test`
// work on a fresh machine that has only Node and npm (no global pnpm, no corepack).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const env = { ...process.env };
// better-sqlite3 is compiled from source; pnpm 12 ignores `nodedir` in .npmrc, so the
// location of Node's headers has to travel in the environment.
if (!env.npm_config_nodedir && existsSync("/usr/include/node/node.h")) {
  env.npm_config_nodedir = "/usr";
}

function pnpm(args, environment) {
  const result = spawnSync("npx", ["--yes", packageManager, ...args], {
    cwd: root,
    env: environment,
    stdio: "inherit",
  });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

pnpm(["install", "--frozen-lockfile"], env);
pnpm(process.argv.slice(2), process.env);

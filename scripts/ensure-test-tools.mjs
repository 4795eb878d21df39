#!/usr/bin/env node
// Programs the tests drive that are not npm packages. `npm test` runs this first: it installs
// from Debian's packages whatever is missing (as root, with apt-get), and otherwise says what
// to do. To add one, add an entry to TOOLS.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const TOOLS = [
  {
    name: "Chromium",
    // tests/installed: playwright-core drives it, and cannot download a browser of its own here.
    path: process.env.PROMPTMILL_CHROMIUM || "/usr/bin/chromium",
    debianPackage: "chromium",
    otherwise: "or set PROMPTMILL_CHROMIUM to a Chrome or Chromium binary",
  },
  {
    name: "PostgreSQL",
    // packages/service: its contract suite also runs against a throwaway PostgreSQL 15 cluster
    // it starts with initdb and pg_ctl (src/__test__/throwaway-postgres.ts).
    path: join(process.env.PROMPTMILL_POSTGRES_BIN || "/usr/lib/postgresql/15/bin", "initdb"),
    debianPackage: "postgresql",
    otherwise: "or set PROMPTMILL_POSTGRES_BIN to a directory with PostgreSQL's initdb and pg_ctl",
  },
];

const missing = TOOLS.filter((tool) => !existsSync(tool.path));
if (missing.length === 0) process.exit(0);

if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
  for (const tool of missing) {
    console.error(
      `No ${tool.name} at ${tool.path}: install ${tool.debianPackage}, ${tool.otherwise}.`,
    );
  }
  console.error("(This script installs them itself only as root, with apt-get.)");
  process.exit(1);
}

const packages = missing.map((tool) => tool.debianPackage);
console.error(`Installing ${packages.join(", ")} from Debian's packages for the tests (once)…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [
  ["update", "-qq"],
  ["install", "-y", "-qq", "--no-install-recommends", ...packages],
]) {
  const result = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
  if (result.status !== 0) {
    console.error(`apt-get ${args.join(" ")} failed (exit ${result.status})`);
    process.exit(1);
  }
}
for (const tool of missing) {
  if (!existsSync(tool.path)) {
    console.error(`apt-get installed ${tool.debianPackage}, but ${tool.path} is still missing`);
    process.exit(1);
  }
}

#!/usr/bin/env node
// The browser test (tests/installed) drives Debian's Chromium through playwright-core, which
// cannot download a browser of its own here. `npm test` runs this first: it installs Chromium
// where it is missing and it can (root, with apt-get), and otherwise says what to do.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.PROMPTMILL_CHROMIUM || "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);

if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
  console.error(
    `No Chromium at ${path}, and this script can only install it as root with apt-get.\n` +
      "Install Chromium, or set PROMPTMILL_CHROMIUM to a Chrome or Chromium binary.",
  );
  process.exit(1);
}

console.error("Installing Debian's chromium for the browser test (once, about 20 s)…");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [
  ["update", "-qq"],
  ["install", "-y", "-qq", "--no-install-recommends", "chromium"],
]) {
  const result = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
  if (result.status !== 0) {
    console.error(`apt-get ${args.join(" ")} failed (exit ${result.status})`);
    process.exit(1);
  }
}
if (!existsSync(path)) {
  console.error(`apt-get installed chromium, but ${path} is still missing`);
  process.exit(1);
}

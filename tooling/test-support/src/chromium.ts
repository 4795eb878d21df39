import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium, which `node scripts/ensure-test-tools.mjs` installs (part of `npm test`);
 * PROMPTMILL_CHROMIUM points elsewhere (a local Chrome, say).
 */
export function chromiumPath(): string {
  const path = process.env.PROMPTMILL_CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `no Chromium at ${path}: run \`node scripts/ensure-test-tools.mjs\` (apt-get install chromium), ` +
        "or set PROMPTMILL_CHROMIUM to a Chrome or Chromium binary",
    );
  }
  return path;
}

/**
 * Headless, as root in a container, and quiet on the network: without the background-networking
 * flags Chromium tries to reach Google's hosts at start, and tests talk only to 127.0.0.1.
 */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-domain-reliability",
  "--metrics-recording-only",
];

/** Debian's Chromium, headless, launched by playwright-core with the flags above. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

// Helpers that several packages' tests share. Private: never published.
export type { Browser, Page } from "playwright-core";
export { CHROMIUM_ARGS, chromiumPath, launchChromium } from "./chromium.js";
export { startWorkMeter, type Work, type WorkMeter } from "./work-meter.js";

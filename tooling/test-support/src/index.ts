// Helpers that several packages' tests share. Private: never published. Each module is also
// its own entry (`@promptmill/test-support/sts-stand-in`), so a test that needs one helper
// does not load Playwright.
export type { Browser, Page } from "playwright-core";
export { CHROMIUM_ARGS, chromiumPath, launchChromium } from "./chromium.js";
export { LOOPBACK_ONLY_PRELOAD, loopbackOnlyNodeOptions } from "./loopback-only.js";
export { describeMachine, loadAverageNow, type Machine, machineLine } from "./machine.js";
export {
  issuedStsCredentials,
  type StsCall,
  type StsSigning,
  type StsStandIn,
  type StsStandInOptions,
  startStsStandIn,
} from "./sts-stand-in.js";
export { type MeasureOptions, startWorkMeter, type Work, type WorkMeter } from "./work-meter.js";

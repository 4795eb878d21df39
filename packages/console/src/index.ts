// The public API of @promptmill/console. Every exported name is listed here on purpose:
// what is not listed (src/internal, the routes and views) may change.

export { openInBrowser } from "./open-in-browser.js";
export {
  CONSOLE_HOST,
  type ConsoleOptions,
  type RunningConsole,
  startConsole,
} from "./start-console.js";

/**
 * An AbortSignal that fires on the first SIGINT or SIGTERM: a program that serves stops
 * cleanly on it (requests in flight are finished). A second signal means "now": `onSecond`
 * (default: exit 130, the code of an interrupted program) runs at once.
 */
export function processStopSignal(onSecond: () => void = () => process.exit(130)): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) onSecond();
    else controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return controller.signal;
}

import PQueue from "p-queue";

export interface SendQueueOptions {
  readonly concurrency: number;
  readonly requestsPerSecond: number | undefined;
}

/**
 * The job's p-queue: `concurrency` rows at a time and, when asked, at most
 * `requestsPerSecond` rows started per second. The limit is spread over windows of about
 * 100 ms (p-queue's strict sliding window), so it is never met by a burst at the start of
 * each second. Throttling pauses the whole queue, not only the request that was throttled:
 * the service is telling every request to slow down.
 */
export class SendQueue {
  readonly queue: PQueue;
  #pausedUntil = 0;
  #resumeTimer: NodeJS.Timeout | undefined;

  constructor(options: SendQueueOptions) {
    const rate = options.requestsPerSecond;
    if (rate === undefined) {
      this.queue = new PQueue({ concurrency: options.concurrency });
    } else {
      const intervalCap = Math.max(1, Math.round(rate / 10));
      this.queue = new PQueue({
        concurrency: options.concurrency,
        intervalCap,
        interval: (1000 * intervalCap) / rate,
        strict: true,
      });
    }
  }

  /** When the throttling pause ends (epoch ms), while one is on. */
  get throttledUntil(): number | undefined {
    return this.#pausedUntil > Date.now() ? this.#pausedUntil : undefined;
  }

  /** Starts no row for `ms` (extending a pause already on, never shortening it). */
  pauseFor(ms: number): void {
    const until = Date.now() + ms;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.queue.pause();
    clearTimeout(this.#resumeTimer);
    this.#resumeTimer = setTimeout(() => this.queue.start(), ms);
    this.#resumeTimer.unref();
  }

  /** For a row about to retry: waits out a throttling pause. False if the signal aborts. */
  async waitWhileThrottled(signal: AbortSignal): Promise<boolean> {
    const remaining = this.#pausedUntil - Date.now();
    return remaining > 0 ? sleep(remaining, signal) : !signal.aborted;
  }

  dispose(): void {
    clearTimeout(this.#resumeTimer);
    this.queue.clear();
  }
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

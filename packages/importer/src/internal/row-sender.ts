import {
  AbortError,
  ApiError,
  type ModelStudioClient,
  PromptmillError,
  type RetrySettings,
  retryDelayMs,
} from "@promptmill/core";
import { classifyWriteFailure } from "./classify-write-failure.js";
import { findExactTemplates, type TemplateLister } from "./existing-templates.js";
import type { Journal } from "./journal.js";
import { type SendQueue, sleep } from "./send-queue.js";

/** What a row to send needs: its identity for the journal, and what goes on the wire. */
export interface RowToSend {
  readonly digest: string;
  readonly name: string;
  readonly content: string;
}

/** How sending a row ended. The caller records it: the sender never finishes a row itself. */
export type SendResult =
  | {
      readonly kind: "created";
      readonly id: string;
      readonly attempts: number;
      /** Set when the answer was lost and the template was found by listing. */
      readonly message?: string | undefined;
      /** Sent more than once (over all runs): the final sweep looks for copies. */
      readonly sentRepeatedly: boolean;
    }
  | { readonly kind: "updated"; readonly id: string; readonly attempts: number }
  /** The service refused the row (4xx): not retried. */
  | { readonly kind: "refused"; readonly error: ApiError; readonly attempts: number }
  /** The service kept failing for this row: tried again on the next run. */
  | { readonly kind: "gave-up"; readonly error: unknown; readonly attempts: number }
  /** No row can succeed (credentials, permissions, endpoint): the job stops. */
  | { readonly kind: "fatal"; readonly error: unknown }
  /** The job was stopped before the row finished; its journal says what is unsettled. */
  | { readonly kind: "stopped" };

export interface RowSenderInit {
  readonly workspaceId: string;
  /** A client with its own retries off: every failure of a write comes here to be counted. */
  readonly writer: ModelStudioClient;
  /** For the List that settles a Create with an unknown outcome. */
  readonly reader: TemplateLister;
  readonly journal: Journal;
  readonly queue: SendQueue;
  /** Stops starting requests (interrupt, fatal error). */
  readonly stop: AbortSignal;
  /** Cuts requests in flight (when the grace after a stop is over). */
  readonly cut: AbortSignal;
  /** Rounds per row before it is given up for this run. */
  readonly maxAttempts: number;
  /** Backoff between rounds: core's, with the job's caps. */
  readonly retry: RetrySettings;
  /** A request is about to leave: the first of its row, or a repeat. */
  readonly onAttempt: (first: boolean) => void;
  /**
   * A Create's outcome became unknown: `reconciling` when it is settled by listing now, not
   * when the job was stopped with it out (the next run settles it).
   */
  readonly onUnknown: (reconciling: boolean) => void;
}

/** A throttled row waits and tries again; after this many throttled rounds it gives up. */
const MAX_THROTTLED_ROUNDS = 100;

/**
 * Sending: the Creates and Updates of rows, exactly once. Every request is preceded by an
 * intent in the journal; a Create whose outcome is unknown is followed by a List of its name
 * before anything is sent again; throttling pauses the whole queue. Which failures are
 * retried and how long to wait are core's rules (`classifyWriteFailure`, `retryDelayMs`).
 */
export class RowSender {
  readonly #init: RowSenderInit;

  constructor(init: RowSenderInit) {
    this.#init = init;
  }

  /** `earlierIntents`: Creates of this row that earlier runs sent without seeing the answer. */
  async create(row: RowToSend, earlierIntents: number): Promise<SendResult> {
    const { writer, journal, stop, cut, workspaceId } = this.#init;
    let intents = earlierIntents;
    let attempts = 0;
    let failures = 0;
    let throttled = 0;
    let mustReconcile = false;
    let lastError: unknown;
    while (failures < this.#init.maxAttempts && throttled < MAX_THROTTLED_ROUNDS) {
      if (attempts > 0 || failures > 0) {
        if (!(await this.#wait(lastError, failures, throttled))) return { kind: "stopped" };
      }
      if (mustReconcile) {
        const found = await this.#reconcile(row);
        if (found.kind === "stopped" || found.kind === "fatal") return found;
        if (found.kind === "unreachable") {
          failures++;
          lastError = found.error;
          continue;
        }
        mustReconcile = false;
        const id = found.ids[0];
        if (id !== undefined) {
          return {
            kind: "created",
            id,
            attempts,
            message: "the answer was lost; found by listing",
            sentRepeatedly: intents >= 2 || found.ids.length > 1,
          };
        }
      }
      if (stop.aborted) return { kind: "stopped" };
      intents++;
      journal.intent(row.digest, "create");
      this.#init.onAttempt(attempts === 0);
      attempts++;
      try {
        const created = await writer.createPromptTemplate(
          { workspaceId, name: row.name, content: row.content },
          { signal: cut },
        );
        return {
          kind: "created",
          id: created.promptTemplateId,
          attempts,
          sentRepeatedly: intents >= 2,
        };
      } catch (error) {
        lastError = error;
        switch (classifyWriteFailure(error, "CreatePromptTemplate")) {
          case "rejected":
            return { kind: "refused", error: error as ApiError, attempts };
          case "fatal":
            return { kind: "fatal", error };
          case "aborted":
            if ((error as AbortError).delivery === "unknown") {
              this.#journalUnknown(row, error, false);
            }
            return { kind: "stopped" };
          case "throttled":
            throttled++;
            this.#pause(error, throttled);
            break;
          case "retry":
            failures++;
            break;
          case "unknown":
            failures++;
            this.#journalUnknown(row, error, true);
            mustReconcile = true;
            break;
        }
      }
    }
    return { kind: "gave-up", error: lastError, attempts };
  }

  /** Updates the content of template `id` (an Update sent twice leaves the same content). */
  async update(row: RowToSend, id: string): Promise<SendResult> {
    const { writer, journal, stop, cut, workspaceId } = this.#init;
    let attempts = 0;
    let failures = 0;
    let throttled = 0;
    let lastError: unknown;
    while (failures < this.#init.maxAttempts && throttled < MAX_THROTTLED_ROUNDS) {
      if (attempts > 0 && !(await this.#wait(lastError, failures, throttled))) {
        return { kind: "stopped" };
      }
      if (stop.aborted) return { kind: "stopped" };
      journal.intent(row.digest, "update");
      this.#init.onAttempt(attempts === 0);
      attempts++;
      try {
        // The name is the one it has already; only the content changes.
        await writer.updatePromptTemplate(
          { workspaceId, promptTemplateId: id, content: row.content },
          { signal: cut },
        );
        return { kind: "updated", id, attempts };
      } catch (error) {
        lastError = error;
        switch (classifyWriteFailure(error, "UpdatePromptTemplate")) {
          case "rejected":
            return { kind: "refused", error: error as ApiError, attempts };
          case "fatal":
            return { kind: "fatal", error };
          case "aborted":
            return { kind: "stopped" };
          case "throttled":
            throttled++;
            this.#pause(error, throttled);
            break;
          case "retry":
          case "unknown":
            failures++;
            break;
        }
      }
    }
    return { kind: "gave-up", error: lastError, attempts };
  }

  /** Waits before the next round: out the throttling pause, or core's backoff. */
  #wait(lastError: unknown, failures: number, throttled: number): Promise<boolean> {
    if (lastError instanceof ApiError && lastError.kind === "throttling") {
      return this.#init.queue.waitWhileThrottled(this.#init.stop);
    }
    const error = PromptmillError.isInstance(lastError)
      ? lastError
      : new PromptmillError(String(lastError));
    const delay = retryDelayMs(error, Math.max(1, failures + throttled), this.#init.retry);
    return sleep(delay, this.#init.stop);
  }

  /** Throttling pauses the whole queue: the service is telling every request to slow down. */
  #pause(error: unknown, round: number): void {
    this.#init.queue.pauseFor(retryDelayMs(error as PromptmillError, round, this.#init.retry));
  }

  #journalUnknown(row: RowToSend, error: unknown, reconciling: boolean): void {
    const name = error instanceof Error ? error.name : "Error";
    this.#init.journal.append({ kind: "unknown", row: row.digest, error: name });
    this.#init.onUnknown(reconciling);
  }

  /** Looks for the template a Create with an unknown outcome may have made (oldest first). */
  async #reconcile(
    row: RowToSend,
  ): Promise<
    | { kind: "found"; ids: string[] }
    | { kind: "unreachable"; error: unknown }
    | { kind: "stopped" }
    | { kind: "fatal"; error: unknown }
  > {
    try {
      // Reads stop at once on a stop: repeating them is harmless.
      const ids = await findExactTemplates(
        this.#init.reader,
        this.#init.workspaceId,
        row.name,
        row.content,
        { signal: this.#init.stop },
      );
      return { kind: "found", ids };
    } catch (error) {
      if (this.#init.stop.aborted || error instanceof AbortError) return { kind: "stopped" };
      if (isTransient(error)) return { kind: "unreachable", error };
      return { kind: "fatal", error };
    }
  }
}

/** Errors worth another round later: throttling, 5xx, connection trouble, timeouts. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ApiError) return error.retryable;
  return (
    PromptmillError.isInstance(error) &&
    (error.name === "ConnectionError" || error.name === "TimeoutError")
  );
}

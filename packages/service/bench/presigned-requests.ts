import {
  API_VERSION,
  acsPercentEncode,
  computeSignature,
  createNonce,
  EMPTY_PAYLOAD_HASH,
  formatAcsDate,
  OPERATIONS,
  type OperationName,
} from "@promptmill/core";
import type autocannon from "autocannon";
import { BENCH_KEY } from "./bench-key.js";

/** A request signed now, with a fresh nonce and the current date, as a real client sends it. */
export function signedRequest(
  port: number,
  operation: OperationName,
  workspaceId: string,
  query: Record<string, string>,
): autocannon.Request {
  const { method, path: pattern } = OPERATIONS[operation];
  const path = pattern.replace("{workspaceId}", workspaceId);
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    "x-acs-action": operation,
    "x-acs-version": API_VERSION,
    "x-acs-date": formatAcsDate(new Date()),
    "x-acs-signature-nonce": createNonce(),
    "x-acs-content-sha256": EMPTY_PAYLOAD_HASH,
  };
  const { authorization } = computeSignature(
    { method, path, query, headers, payloadHash: EMPTY_PAYLOAD_HASH },
    BENCH_KEY,
  );
  const search = Object.entries(query)
    .map(([name, value]) => `${name}=${acsPercentEncode(value)}`)
    .join("&");
  return {
    method,
    path: `${path}?${search}`,
    headers: { ...headers, authorization, accept: "application/json" },
  };
}

/**
 * Signed requests made before a timed run: one list per connection, each request in it sent
 * once.
 *
 * Signing costs a client about as much CPU as verifying costs the server, and so does
 * autocannon turning a request object into bytes in `setupRequest`. On two cores the load
 * generator shares the machine with the target, and signing during the run made the generator,
 * not the server, set the pace. So every request of a run is signed beforehand and handed to
 * its connection with `setRequests`, which encodes it once, before the clock starts; during
 * the run autocannon only writes bytes it already has.
 *
 * This does not make the server's work any lighter: each request has its own nonce and a date
 * a few seconds old (well inside the 15-minute window), so the server verifies every
 * signature and records every nonce as it would for a live client. autocannon starts a
 * connection's list over once it reaches the end, which would resend nonces, so a run must set
 * `maxConnectionRequests` to `perConnection`: a connection that runs out stops instead, and
 * `exhaustedConnections` says how many did (the pool was then too small for the run).
 */
export class PresignedRequests {
  readonly perConnection: number;
  readonly #lists: autocannon.Request[][];
  readonly #responses: number[] = [];

  constructor(connections: number, perConnection: number, sign: () => autocannon.Request) {
    this.perConnection = perConnection;
    this.#lists = Array.from({ length: connections }, () =>
      Array.from({ length: perConnection }, sign),
    );
  }

  /** autocannon's `setupClient`: gives each new connection a list of its own. */
  readonly setupClient = (client: autocannon.Client): void => {
    const index = this.#responses.length;
    const list = this.#lists[index];
    if (list === undefined) {
      throw new Error(`${index + 1} connections, but requests were signed for ${index}`);
    }
    // From here on the client holds the list; the pool lets go of it.
    this.#lists[index] = [];
    this.#responses.push(0);
    client.setRequests(list);
    client.on("response", () => {
      this.#responses[index] = (this.#responses[index] ?? 0) + 1;
    });
  };

  /** Connections that sent every request they had, and so stopped before the run ended. */
  get exhaustedConnections(): number {
    return this.#responses.filter((count) => count >= this.perConnection).length;
  }
}

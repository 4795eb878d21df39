/** What became of a nonce a request was signed with. */
export type NonceVerdict =
  /** Not seen within its window: now recorded, and the request may proceed. */
  | { outcome: "new" }
  /** Seen before and not yet expired: the request is a replay. */
  | { outcome: "used" }
  /** The key already has as many live nonces as allowed: try again once the oldest expires. */
  | { outcome: "full"; retryAfterMs: number };

export interface NonceLimits {
  /** The service's clock, in ms since the epoch: a nonce is live while its expiry is later. */
  now: number;
  /** Live nonces one AccessKey may have; none is ever forgotten to make room. */
  maxLivePerKey: number;
}

/**
 * Where the signature nonces of accepted requests are kept until their requests could no
 * longer be replayed (their x-acs-date left the accepted window). Kept with the data, not in
 * memory: a restart must not open a window for replays, and several service processes on one
 * database must refuse each other's nonces. A PostgreSQL store implements the same contract
 * with a table keyed by (key, nonce) and a count per key, updated in one transaction.
 */
export interface NonceStore {
  /**
   * Records `nonce` as used by `accessKeyId` until `expiresAt` (ms since the epoch), unless it
   * is live already (`used`) or the key is at its bound (`full`; nothing is recorded). The
   * nonce is the value exactly as signed: the header value after the canonical form's trim.
   * Settles only once the record is as durable as a committed write.
   */
  rememberNonce(
    accessKeyId: string,
    nonce: string,
    expiresAt: number,
    limits: NonceLimits,
  ): Promise<NonceVerdict>;
}

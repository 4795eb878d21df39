import type pg from "pg";
import type { NonceLimits, NonceVerdict } from "./nonce-store.js";
import { COUNT_SLOTS } from "./postgres-migrations.js";
import { prepared } from "./postgres-prepared.js";

/**
 * Records a nonce in one statement (one round trip, one transaction): unless the key is at
 * its bound, insert it; if it is there already, take it over only if it expired. The count of
 * the key's nonces grows in the same statement, in this backend's slot. What the statement
 * saw tells the verdict apart (see `remember`).
 */
const REMEMBER = `
WITH stored AS (
  SELECT coalesce(sum(stored), 0) AS n FROM signature_nonce_counts WHERE access_key_id = $1
), seen AS (
  SELECT expires_at FROM signature_nonces WHERE access_key_id = $1 AND nonce = $2
), recorded AS (
  INSERT INTO signature_nonces AS kept (access_key_id, nonce, expires_at)
    SELECT $1::text, $2::text, $3::bigint FROM stored
    -- Taking over an expired row of the same nonce needs no room.
    WHERE stored.n < $5::bigint OR EXISTS (SELECT 1 FROM seen)
    ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
      WHERE kept.expires_at <= $4::bigint
    RETURNING (xmax = 0) AS inserted
), counted AS (
  INSERT INTO signature_nonce_counts (access_key_id, slot, stored)
    SELECT $1::text, pg_backend_pid() % ${COUNT_SLOTS}, 1 FROM recorded WHERE inserted
    ON CONFLICT (access_key_id, slot) DO UPDATE SET stored = signature_nonce_counts.stored + 1
)
SELECT (SELECT count(*) FROM recorded)::int AS recorded,
       (SELECT n FROM stored)::bigint AS stored,
       (SELECT expires_at FROM seen) AS seen_until
`;

/** Deletes a key's expired nonces and takes them off its count, in one statement. */
const PRUNE = `
WITH deleted AS (
  DELETE FROM signature_nonces WHERE access_key_id = $1 AND expires_at <= $2 RETURNING 1
)
INSERT INTO signature_nonce_counts (access_key_id, slot, stored)
  SELECT $1::text, pg_backend_pid() % ${COUNT_SLOTS}, -count(*) FROM deleted HAVING count(*) > 0
  ON CONFLICT (access_key_id, slot) DO UPDATE
    SET stored = signature_nonce_counts.stored + excluded.stored
`;

const OLDEST = "SELECT min(expires_at) AS oldest FROM signature_nonces WHERE access_key_id = $1";

/** As in the SQLite store: a key's expired nonces are deleted at most this often, besides when it is full. */
const PRUNE_INTERVAL_MS = 10_000;

interface RememberRow {
  recorded: number;
  stored: string;
  seen_until: string | null;
}

/**
 * The nonce part of the PostgreSQL store. Replays are refused exactly: the primary key
 * decides, whichever process saw the nonce first. The bound per key is read from the summed
 * slots without a lock, so requests of one key that run at the same moment in several
 * connections can each take the last place: the key may pass its bound by at most the number
 * of such requests (the connections of all processes). Exactness would mean one row every
 * request of the key must lock until its commit, that is one request at a time per key.
 */
export class PostgresNonceTable {
  readonly #pool: pg.Pool;
  /** When this process last deleted each key's expired nonces, by the service's clock. */
  readonly #prunedAt = new Map<string, number>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async remember(
    accessKeyId: string,
    nonce: string,
    expiresAt: number,
    { now, maxLivePerKey }: NonceLimits,
  ): Promise<NonceVerdict> {
    if (now - (this.#prunedAt.get(accessKeyId) ?? Number.NEGATIVE_INFINITY) >= PRUNE_INTERVAL_MS) {
      await this.#prune(accessKeyId, now);
    }
    let attempt = await this.#record(accessKeyId, nonce, expiresAt, now, maxLivePerKey);
    if (attempt === "full") {
      await this.#prune(accessKeyId, now);
      attempt = await this.#record(accessKeyId, nonce, expiresAt, now, maxLivePerKey);
    }
    if (attempt !== "full") return { outcome: attempt };
    const { rows } = await this.#pool.query<{ oldest: string | null }>(
      prepared(OLDEST, [accessKeyId]),
    );
    const oldest = rows[0]?.oldest == null ? now : Number(rows[0].oldest);
    return { outcome: "full", retryAfterMs: Math.max(1, oldest - now) };
  }

  async #record(
    accessKeyId: string,
    nonce: string,
    expiresAt: number,
    now: number,
    maxLivePerKey: number,
  ): Promise<"new" | "used" | "full"> {
    const { rows } = await this.#pool.query<RememberRow>(
      prepared(REMEMBER, [accessKeyId, nonce, expiresAt, now, maxLivePerKey]),
    );
    const row = rows[0];
    if (!row) throw new Error("recording a nonce returned no row");
    if (row.recorded > 0) return "new";
    if (row.seen_until !== null && Number(row.seen_until) > now) return "used";
    if (Number(row.stored) >= maxLivePerKey) return "full";
    // Not seen in this statement's snapshot, yet not recorded: another request with the same
    // nonce committed it meanwhile (the insert waited for it, then found it live).
    return "used";
  }

  async #prune(accessKeyId: string, now: number): Promise<void> {
    await this.#pool.query(prepared(PRUNE, [accessKeyId, now]));
    this.#prunedAt.set(accessKeyId, now);
  }
}

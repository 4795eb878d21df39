import type Database from "better-sqlite3";
import type { NonceLimits, NonceVerdict } from "./nonce-store.js";

/**
 * How often one key's expired nonces are deleted, at most, besides whenever the key is at
 * its bound. Until then they are rows like the live ones, which keeps the table small without
 * a delete per request.
 */
const PRUNE_INTERVAL_MS = 10_000;

/**
 * The nonce part of the SQLite store (tables in sqlite-migrations.ts, step 2): a count of
 * rows per key kept in step in the same transactions, so a key's bound is checked without
 * counting its rows. Every method must run inside a transaction.
 */
export class SqliteNonceTable {
  readonly #statements;
  /** When this process last deleted each key's expired nonces, by the service's clock. */
  readonly #prunedAt = new Map<string, number>();

  constructor(db: Database.Database) {
    this.#statements = {
      find: db.prepare<[string, string], { expires_at: number }>(
        "SELECT expires_at FROM signature_nonces WHERE access_key_id = ? AND nonce = ?",
      ),
      insert: db.prepare<[string, string, number]>(
        "INSERT INTO signature_nonces (access_key_id, nonce, expires_at) VALUES (?, ?, ?)",
      ),
      renew: db.prepare<[number, string, string]>(
        "UPDATE signature_nonces SET expires_at = ? WHERE access_key_id = ? AND nonce = ?",
      ),
      deleteExpired: db.prepare<[string, number]>(
        "DELETE FROM signature_nonces WHERE access_key_id = ? AND expires_at <= ?",
      ),
      oldest: db.prepare<[string], { expires_at: number | null }>(
        "SELECT min(expires_at) AS expires_at FROM signature_nonces WHERE access_key_id = ?",
      ),
      stored: db.prepare<[string], { stored: number }>(
        "SELECT stored FROM signature_nonce_counts WHERE access_key_id = ?",
      ),
      addStored: db.prepare<[string, number]>(
        `INSERT INTO signature_nonce_counts (access_key_id, stored) VALUES (?, ?)
         ON CONFLICT (access_key_id) DO UPDATE SET stored = stored + excluded.stored`,
      ),
      forgetCounts: db.prepare("DELETE FROM signature_nonce_counts"),
      countAll: db.prepare(
        `INSERT INTO signature_nonce_counts (access_key_id, stored)
         SELECT access_key_id, count(*) FROM signature_nonces GROUP BY access_key_id`,
      ),
    };
  }

  /**
   * Counts every key's rows again, for a file written before the counts existed or left by a
   * process that stopped mid-way. Deletes nothing: whether a nonce expired is decided by the
   * service's clock (which a setting can shift), and only a running service has that.
   */
  recount(): void {
    this.#statements.forgetCounts.run();
    this.#statements.countAll.run();
  }

  remember(
    accessKeyId: string,
    nonce: string,
    expiresAt: number,
    { now, maxLivePerKey }: NonceLimits,
  ): NonceVerdict {
    const statements = this.#statements;
    const existing = statements.find.get(accessKeyId, nonce);
    if (existing !== undefined) {
      if (existing.expires_at > now) return { outcome: "used" };
      // Expired but not yet deleted: the same row is live again, so the count stays.
      statements.renew.run(expiresAt, accessKeyId, nonce);
      return { outcome: "new" };
    }
    if (now - (this.#prunedAt.get(accessKeyId) ?? Number.NEGATIVE_INFINITY) >= PRUNE_INTERVAL_MS) {
      this.#prune(accessKeyId, now);
    }
    if (this.#stored(accessKeyId) >= maxLivePerKey) {
      this.#prune(accessKeyId, now);
      if (this.#stored(accessKeyId) >= maxLivePerKey) {
        const oldest = statements.oldest.get(accessKeyId)?.expires_at ?? now;
        return { outcome: "full", retryAfterMs: Math.max(1, oldest - now) };
      }
    }
    statements.insert.run(accessKeyId, nonce, expiresAt);
    statements.addStored.run(accessKeyId, 1);
    return { outcome: "new" };
  }

  #stored(accessKeyId: string): number {
    return this.#statements.stored.get(accessKeyId)?.stored ?? 0;
  }

  #prune(accessKeyId: string, now: number): void {
    const { changes } = this.#statements.deleteExpired.run(accessKeyId, now);
    if (changes > 0) this.#statements.addStored.run(accessKeyId, -changes);
    this.#prunedAt.set(accessKeyId, now);
  }
}

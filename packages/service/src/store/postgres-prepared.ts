import { createHash } from "node:crypto";
import type pg from "pg";

const names = new Map<string, string>();

/**
 * A statement each connection parses and plans once, then reuses: for SQL whose best plan
 * is the same whatever its parameters (a lookup by key, an index range), which is every
 * statement here but a keyword List's. Planning the nonce statement alone cost more than
 * running it. Named after its text, so each distinct text is its own statement.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    name = `promptmill_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return { name, text, values };
}

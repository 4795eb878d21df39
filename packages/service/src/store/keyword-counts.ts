import type { TemplateType } from "@promptmill/core";

/** A keyword's totalCount and the workspace's write counter when it was counted. */
export interface KeywordCount {
  /** The workspace's `writes` (inserts, deletes and renames so far) in the counting snapshot. */
  writes: number;
  count: number;
  /** How many templates the keyword was matched among (the workspace's, or its type's). */
  among?: number | undefined;
}

/**
 * The totalCount of recent keyword Lists, so paging through a keyword's matches counts them
 * once rather than on every page. Counting goes through the keyword index but still visits
 * every match: at a million templates a keyword that matches 10% of names is 100,000 rows
 * per page without this.
 *
 * Never stale: an entry is used only when the workspace's write counter, read in the same
 * snapshot as the page, still equals the one it was counted at. The counter lives in the
 * database and grows with every insert, delete and rename by any process, so each process
 * keeps its own entries and they hold for all. Bounded: the least recently used entry goes.
 */
export class KeywordCounts {
  readonly #entries = new Map<string, KeywordCount>();
  readonly #capacity: number;

  constructor(capacity = 1_024) {
    this.#capacity = capacity;
  }

  /** The count stored for this query, whatever its write counter; the caller compares. */
  get(
    workspaceId: string,
    keyword: string,
    type: TemplateType | undefined,
  ): KeywordCount | undefined {
    const key = keyOf(workspaceId, keyword, type);
    const entry = this.#entries.get(key);
    if (entry) {
      // Most recently used last: Map keeps insertion order.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(
    workspaceId: string,
    keyword: string,
    type: TemplateType | undefined,
    entry: KeywordCount,
  ): void {
    const key = keyOf(workspaceId, keyword, type);
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** The count if it holds at `writes`. */
  at(
    workspaceId: string,
    keyword: string,
    type: TemplateType | undefined,
    writes: number,
  ): number | undefined {
    const entry = this.get(workspaceId, keyword, type);
    return entry?.writes === writes ? entry.count : undefined;
  }
}

function keyOf(workspaceId: string, keyword: string, type: TemplateType | undefined): string {
  return JSON.stringify([workspaceId, keyword, type ?? ""]);
}

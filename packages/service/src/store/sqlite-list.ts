import type { TemplateType } from "@promptmill/core";
import { codePointLength } from "../internal/code-point-length.js";
import type { KeywordCounts } from "./keyword-counts.js";
import type { ReadTransaction } from "./sqlite-worker-thread.js";
import type { ListPage, ListQuery, StoredTemplate } from "./template-store.js";

/** A List row: seq, id, type, name, content, variables. */
export type PageRow = [number, string, TemplateType, string, string, string];

const PAGE_COLUMNS = "t.seq, t.id, t.type, t.name, t.content, t.variables";

/**
 * The SQL of a List without a keyword. Its work is bounded by the page size: the count is a
 * sum over at most two rows of template_counts, and the page walks templates_by_workspace (or
 * templates_by_workspace_type) from the cursor. So it runs on the event loop.
 */
export function unfilteredListSql(type: TemplateType | undefined): { count: string; page: string } {
  const byType = type === undefined ? "" : " AND t.type = ?";
  return {
    count: `SELECT coalesce(sum(templates), 0) FROM template_counts t WHERE t.workspace_id = ?${byType}`,
    page: `SELECT ${PAGE_COLUMNS} FROM templates t WHERE t.workspace_id = ?${byType} AND t.seq > ? ORDER BY t.seq LIMIT ?`,
  };
}

export function unfilteredListParams(query: ListQuery): { count: unknown[]; page: unknown[] } {
  const scope = query.type === undefined ? [query.workspaceId] : [query.workspaceId, query.type];
  return { count: scope, page: [...scope, query.after ?? 0, query.limit + 1] };
}

/**
 * A keyword of three code points or more, without U+0000 (which ends an FTS5 query string),
 * is a phrase of its trigrams in template_names: FTS5 yields the matching rowids (seqs) in
 * order, so the page stops after limit + 1 matches, and the count visits each match once.
 * Shorter keywords have no trigram: they are found by instr() over the workspace's templates
 * in seq order, which stops as soon as the page is full but must read every template to count.
 */
function keywordUsesIndex(keyword: string): boolean {
  return codePointLength(keyword) >= 3 && !keyword.includes("\u0000");
}

/** The trigram phrase for a keyword: quoted, with `"` doubled as FTS5 wants. */
function phrase(keyword: string): string {
  return `"${keyword.replaceAll('"', '""')}"`;
}

/**
 * A keyword List, run on the reader thread: its cost grows with the number of matches (or,
 * for a short keyword, of templates), so it must not run on the event loop. The count comes
 * from `counts` while the workspace's write counter is unchanged, else is counted here.
 */
export async function listByKeyword(
  read: ReadTransaction,
  query: ListQuery,
  keyword: string,
  counts: KeywordCounts,
): Promise<ListPage> {
  const { workspaceId, type } = query;
  const writesRow = await read.rows<[number]>(
    "SELECT coalesce(sum(writes), 0) FROM template_counts WHERE workspace_id = ?",
    [workspaceId],
  );
  const writes = writesRow[0]?.[0] ?? 0;
  const byType = type === undefined ? "" : " AND t.type = ?";
  const typeParams = type === undefined ? [] : [type];

  let matches: string;
  let matchParams: unknown[];
  /** The column that orders the page: FTS5 pages by its own rowid, in order, without a sort. */
  let seq: string;
  if (keywordUsesIndex(keyword)) {
    // CROSS JOIN keeps template_names the outer loop: the planner might otherwise walk the
    // workspace's templates and probe the index once for each.
    matches = `FROM template_names f CROSS JOIN templates t ON t.seq = f.rowid
      WHERE template_names MATCH ? AND t.workspace_id = ?${byType}`;
    matchParams = [phrase(keyword), workspaceId, ...typeParams];
    seq = "f.rowid";
  } else {
    // instr() rather than LIKE: literal and case-sensitive, so `%` and `_` are characters.
    matches = `FROM templates t WHERE t.workspace_id = ?${byType} AND instr(t.name, ?) > 0`;
    matchParams = [workspaceId, ...typeParams, keyword];
    seq = "t.seq";
  }

  let totalCount = counts.at(workspaceId, keyword, type, writes);
  if (totalCount === undefined) {
    const counted = await read.rows<[number]>(`SELECT count(*) ${matches}`, matchParams);
    totalCount = counted[0]?.[0] ?? 0;
    counts.set(workspaceId, keyword, type, { writes, count: totalCount });
  }
  const rows = await read.rows<PageRow>(
    `SELECT ${PAGE_COLUMNS} ${matches} AND ${seq} > ? ORDER BY ${seq} LIMIT ?`,
    [...matchParams, query.after ?? 0, query.limit + 1],
  );
  return toPage(rows, query, totalCount);
}

/** Rows as read (one more than the limit, if there are more) as a page. */
export function toPage(rows: readonly PageRow[], query: ListQuery, totalCount: number): ListPage {
  const items = rows.slice(0, query.limit).map(
    ([sequence, promptTemplateId, type, name, content, variables]): StoredTemplate => ({
      promptTemplateId,
      workspaceId: query.workspaceId,
      type,
      name,
      content,
      variables: JSON.parse(variables) as string[],
      sequence,
    }),
  );
  const last = items.at(-1);
  return {
    items,
    totalCount,
    nextCursor: rows.length > query.limit && last ? last.sequence : undefined,
  };
}

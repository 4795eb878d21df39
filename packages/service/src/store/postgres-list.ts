import type { TemplateType } from "@promptmill/core";
import { codePointLength } from "../internal/code-point-length.js";
import { keywordNeedsBytes, toPostgresText } from "./postgres-text.js";

/** The columns a page shows, with the exact bytes of values that hold U+0000. */
export const PAGE_COLUMNS =
  "t.seq, t.id, t.type, t.name, t.name_with_nul, t.content, t.content_with_nul, t.variables";

/** Numbered parameters, added as a query is built. */
export class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `%` and `_` (and the escape character) as themselves in a LIKE pattern. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** How a keyword's matches are found for a page. */
export type KeywordPlan =
  /** Through the trigram index, then sorted: costs about one step per match. */
  | "trigram"
  /** The workspace in seq order, each name checked, until the page is full. */
  | "ordered";

/**
 * The cheaper way to a keyword's page, from how many templates match among how many. In
 * seq order, a page of `limit + 1` reads about `(limit + 1) × among / matches` templates if
 * the matches are spread evenly; through the trigram index it reads every match. So the
 * ordered walk wins once matches² > (limit + 1) × among: at a million templates and pages
 * of 10, beyond about 3,300 matches. A keyword shorter than a trigram cannot use the index.
 */
export function chooseKeywordPlan(
  keyword: string,
  matches: number,
  among: number,
  limit: number,
): KeywordPlan {
  if (countPlan(keyword) === "ordered") return "ordered";
  return matches * matches > (limit + 1) * among ? "ordered" : "trigram";
}

/** How to count a keyword's matches: through the trigram index whenever it has a trigram. */
export function countPlan(keyword: string): KeywordPlan {
  return codePointLength(keyword) < 3 ? "ordered" : "trigram";
}

/**
 * The WHERE condition for a keyword, literal and case-sensitive. `trigram` is a LIKE the
 * trigram index serves; `ordered` is strpos(), which no index serves, so the planner walks
 * the seq-ordered index instead. Either way it is exact (postgres-text.ts explains U+0000).
 */
export function keywordCondition(
  keyword: string,
  plan: KeywordPlan,
  parameters: Parameters,
): string {
  const { text } = toPostgresText(keyword);
  const condition =
    plan === "trigram"
      ? `t.name LIKE ${parameters.add(`%${likeLiteral(text)}%`)}`
      : `strpos(t.name, ${parameters.add(text)}) > 0`;
  if (!keywordNeedsBytes(keyword)) return condition;
  const bytes = parameters.add(Buffer.from(keyword, "utf8"));
  // A name without U+0000 is exact as text: it can hold the keyword only if the keyword
  // has no U+0000 either.
  const textIsExact = parameters.add(!keyword.includes("\u0000"));
  return `${condition} AND CASE WHEN t.name_with_nul IS NULL THEN ${textIsExact}::boolean
    ELSE position(${bytes}::bytea IN t.name_with_nul) > 0 END`;
}

/** `AND t.type = $n`, or nothing. */
export function typeCondition(type: TemplateType | undefined, parameters: Parameters): string {
  return type === undefined ? "" : ` AND t.type = ${parameters.add(type)}`;
}

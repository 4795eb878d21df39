import { paginatePromptTemplates, type RequestOptions } from "@promptmill/core";
import {
  ExistingTemplates,
  type NameFacts,
  PAGE_SIZE,
  type TemplateLister,
} from "./existing-templates.js";
import { nameLookupKeywords } from "./name-fold.js";

/**
 * How the job learns which names exist:
 * - `listing`: every Custom template of the workspace, page by page, before the first row;
 * - `lookup`: each row's name looked up when the row comes (List with the name as keyword,
 *   every page, exact match made here).
 */
export type ExistingStrategy = "listing" | "lookup";

/**
 * Whichever costs fewer requests: listing takes one page per 100 templates of the workspace,
 * looking up at least one request per row of the file. A 10-row file into a workspace of
 * 100,000 templates makes about 10 lookups instead of 1,000 pages; a 100,000-row file into a
 * workspace of 1,000 lists its 10 pages.
 */
export function chooseExistingStrategy(templateCount: number, fileRows: number): ExistingStrategy {
  const pages = Math.ceil(templateCount / PAGE_SIZE);
  return pages <= Math.max(1, fileRows) ? "listing" : "lookup";
}

/** What the workspace holds, learned at the cost of the file rather than of the workspace. */
export interface WorkspaceView {
  readonly strategy: ExistingStrategy;
  /** Custom templates in the workspace, as the first page's totalCount said. */
  readonly templateCount: number;
  /** List requests made so far to learn what exists (pages included). */
  readonly requests: number;
  /** The templates with `name`, and those whose name reads the same. */
  facts(name: string, options?: RequestOptions): NameFacts | Promise<NameFacts>;
}

/**
 * Reads the first page of the workspace's Custom templates; its totalCount says which
 * strategy is cheaper for `fileRows` rows. With `listing`, the rest of the pages follow here.
 * A repeated nextToken fails the listing (RepeatedNextTokenError): a partial listing would
 * let names that exist look free.
 */
export async function openWorkspaceView(
  client: TemplateLister,
  workspaceId: string,
  fileRows: number,
  options?: RequestOptions & {
    readonly onStrategy?: (strategy: ExistingStrategy, templateCount: number) => void;
    /** While listing: templates listed so far. */
    readonly onListed?: (templates: number) => void;
  },
): Promise<WorkspaceView> {
  let requests = 0;
  const pages = paginatePromptTemplates(
    client,
    { workspaceId, type: "Custom", maxResults: PAGE_SIZE },
    options,
  );
  const first = await pages.next();
  requests++;
  if (first.done === true) throw new Error("a listing yields at least one page");
  const templateCount = first.value.totalCount;
  const strategy = chooseExistingStrategy(templateCount, fileRows);
  options?.onStrategy?.(strategy, templateCount);

  if (strategy === "listing") {
    const existing = new ExistingTemplates();
    for (const template of first.value.promptTemplates) existing.add(template);
    options?.onListed?.(existing.count);
    for await (const page of pages) {
      requests++;
      for (const template of page.promptTemplates) existing.add(template);
      options?.onListed?.(existing.count);
    }
    return {
      strategy,
      templateCount,
      get requests() {
        return requests;
      },
      facts: (name) => existing.facts(name),
    };
  }

  await pages.return(undefined);
  return {
    strategy,
    templateCount,
    get requests() {
      return requests;
    },
    async facts(name, requestOptions) {
      const found = new ExistingTemplates();
      for (const keyword of nameLookupKeywords(name)) {
        const results = paginatePromptTemplates(
          client,
          { workspaceId, name: keyword, type: "Custom", maxResults: PAGE_SIZE },
          requestOptions,
        );
        for await (const page of results) {
          requests++;
          for (const template of page.promptTemplates) found.add(template);
        }
      }
      return found.facts(name);
    },
  };
}

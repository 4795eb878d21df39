import type { TemplateType } from "@promptmill/core";
import type { NonceStore } from "./nonce-store.js";

export interface StoredTemplate {
  promptTemplateId: string;
  workspaceId: string;
  type: TemplateType;
  name: string;
  content: string;
  variables: string[];
  /** Creation order within the store; List pages by it. */
  sequence: number;
}

export interface NewTemplate {
  name: string;
  content: string;
  variables: string[];
}

export interface TemplateChanges {
  name?: string | undefined;
  content?: string | undefined;
  /** Required whenever `content` changes: the store does not parse templates. */
  variables?: string[] | undefined;
}

export interface WriteOptions {
  /** Refuse the write with DuplicateNameError when another template in the workspace has the name. */
  uniqueNames?: boolean | undefined;
}

export interface ListQuery {
  workspaceId: string;
  /** Case-sensitive substring of the name; `%` and `_` are ordinary characters. */
  nameContains?: string | undefined;
  type?: TemplateType | undefined;
  limit: number;
  /** Only templates created after this sequence number. */
  after?: number | undefined;
}

export interface ListPage {
  items: StoredTemplate[];
  /**
   * Every match of the query, not only those after the cursor. Read from counts the writes
   * keep, not counted, except for a keyword (see keyword-counts.ts).
   */
  totalCount: number;
  /** The sequence to pass as `after` for the next page; absent on the last page. */
  nextCursor?: number | undefined;
}

/**
 * Where templates live, and the signature nonces of the requests that changed or read them:
 * SqliteTemplateStore (one file) or PostgresTemplateStore (shared by several processes).
 * Both pass the same contract tests (`*.contract.test.ts`), so the service answers the same
 * on either. Every race (unique names, an Update against a Delete, two processes seeding one
 * workspace) is decided by the database, never by state kept in one process.
 */
export interface TemplateStore extends NonceStore {
  /**
   * Registers a workspace on first use and inserts `systemTemplates` as type System in the
   * same step; later calls do nothing. Returns true when the workspace was new.
   */
  ensureWorkspace(workspaceId: string, systemTemplates: readonly NewTemplate[]): Promise<boolean>;
  create(
    workspaceId: string,
    template: NewTemplate,
    options?: WriteOptions,
  ): Promise<StoredTemplate>;
  get(workspaceId: string, promptTemplateId: string): Promise<StoredTemplate | undefined>;
  /** Undefined when there is no such template. Type is never changed. */
  update(
    workspaceId: string,
    promptTemplateId: string,
    changes: TemplateChanges,
    options?: WriteOptions,
  ): Promise<StoredTemplate | undefined>;
  /** False when there was no such template. */
  delete(workspaceId: string, promptTemplateId: string): Promise<boolean>;
  list(query: ListQuery): Promise<ListPage>;
  /**
   * A value kept with the data (the development key, the nextToken secret): the stored one,
   * or `create()`'s result stored now. Concurrent callers all get the value that was stored.
   */
  ensureValue(key: string, create: () => string): Promise<string>;
  close(): Promise<void>;
}

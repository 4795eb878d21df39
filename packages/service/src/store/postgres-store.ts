import { PromptmillError, type TemplateType } from "@promptmill/core";
import pg from "pg";
import { redactDatabaseUrl, withoutPassword } from "../database-url.js";
import { DuplicateNameError } from "./duplicate-name-error.js";
import { KeywordCounts } from "./keyword-counts.js";
import type { NonceLimits, NonceVerdict } from "./nonce-store.js";
import {
  chooseKeywordPlan,
  countPlan,
  keywordCondition,
  PAGE_COLUMNS,
  Parameters,
  typeCondition,
} from "./postgres-list.js";
import { migratePostgres } from "./postgres-migrations.js";
import { PostgresNonceTable } from "./postgres-nonce-table.js";
import { prepared } from "./postgres-prepared.js";
import { fromPostgresText, toPostgresText } from "./postgres-text.js";
import { newTemplateId } from "./template-id.js";
import type {
  ListPage,
  ListQuery,
  NewTemplate,
  StoredTemplate,
  TemplateChanges,
  TemplateStore,
  WriteOptions,
} from "./template-store.js";

export interface PostgresStoreOptions {
  /** Connections this process keeps open at most (node-postgres's pool `max`). Default 10. */
  poolSize?: number | undefined;
}

interface TemplateRow {
  seq: string;
  id: string;
  type: TemplateType;
  name: string;
  name_with_nul: Buffer | null;
  content: string;
  content_with_nul: Buffer | null;
  variables: string;
}

/** A List row: the page's template (absent on an empty page) and the statement's figures. */
interface ListRow extends Partial<TemplateRow> {
  total: string;
  writes?: string;
}

const INSERT_TEMPLATE_COLUMNS =
  "id, workspace_id, type, name, name_with_nul, content, content_with_nul, variables, created_at, updated_at";

/**
 * The key class of the advisory locks that serialise writes of one name in one workspace
 * while uniqueNames is on (the second key is a hash of workspace and name). The two-key
 * form of advisory locks never meets the one-key form migrations use.
 */
const NAME_LOCK_CLASS = 1_447_971;

/**
 * A TemplateStore on PostgreSQL, for a service shared by a team or run as several processes:
 * everything a process needs from another is in the database (templates, nonces, the
 * nextToken secret, the development key), and every race is decided there (see each method).
 * Each write is one transaction, committed before its promise settles.
 */
export class PostgresTemplateStore implements TemplateStore {
  /** The database URL with its password replaced, for messages and logs. */
  readonly database: string;
  readonly #pool: pg.Pool;
  readonly #nonces: PostgresNonceTable;
  readonly #keywordCounts = new KeywordCounts();
  #closing: Promise<void> | undefined;

  private constructor(url: string, pool: pg.Pool) {
    this.database = redactDatabaseUrl(url);
    this.#pool = pool;
    this.#nonces = new PostgresNonceTable(pool);
  }

  /** Connects, and brings the database to the newest schema (postgres-migrations.ts). */
  static async open(
    url: string,
    options: PostgresStoreOptions = {},
  ): Promise<PostgresTemplateStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      application_name: "promptmill-service",
    });
    // A connection that breaks while idle (the server restarted) is dropped by the pool and
    // replaced on the next query; without a listener the error would end the process.
    pool.on("error", () => undefined);
    const store = new PostgresTemplateStore(url, pool);
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client, store.database);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      // Ours (a newer schema): its message names the database without the password already.
      if (PromptmillError.isInstance(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Cannot use the PostgreSQL database ${store.database}: ${withoutPassword(message, url)}`,
      );
    }
    return store;
  }

  /**
   * The workspace row decides: of several processes that see a workspace first at once, the
   * one whose insert wins seeds the System templates, in the same transaction.
   */
  ensureWorkspace(workspaceId: string, systemTemplates: readonly NewTemplate[]): Promise<boolean> {
    return this.#transaction(async (client) => {
      const now = Date.now();
      const inserted = await client.query(
        "INSERT INTO workspaces (workspace_id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        [workspaceId, now],
      );
      if (inserted.rowCount === 0) return false;
      if (systemTemplates.length > 0) {
        const parameters = new Parameters();
        const rows = systemTemplates.map(
          (template) =>
            `(${insertValues(parameters, workspaceId, "System", template, now).join(", ")})`,
        );
        await client.query(
          `INSERT INTO templates (${INSERT_TEMPLATE_COLUMNS}) VALUES ${rows.join(", ")}`,
          parameters.values,
        );
      }
      return true;
    });
  }

  async create(
    workspaceId: string,
    template: NewTemplate,
    options: WriteOptions = {},
  ): Promise<StoredTemplate> {
    const now = Date.now();
    const insert = async (client: pg.Pool | pg.PoolClient) => {
      const parameters = new Parameters();
      const values = insertValues(parameters, workspaceId, "Custom", template, now);
      const { rows } = await client.query<{ seq: string; id: string }>(
        prepared(
          `INSERT INTO templates (${INSERT_TEMPLATE_COLUMNS}) VALUES (${values.join(", ")}) RETURNING seq, id`,
          parameters.values,
        ),
      );
      const row = rows[0];
      if (!row) throw new Error("an insert returned no row");
      return {
        promptTemplateId: row.id,
        workspaceId,
        type: "Custom" as const,
        name: template.name,
        content: template.content,
        variables: [...template.variables],
        sequence: Number(row.seq),
      };
    };
    if (!options.uniqueNames) return insert(this.#pool);
    return this.#transaction(async (client) => {
      await this.#assertNameFree(client, workspaceId, template.name, "");
      return insert(client);
    });
  }

  async get(workspaceId: string, promptTemplateId: string): Promise<StoredTemplate | undefined> {
    if (!storable(promptTemplateId)) return undefined;
    const { rows } = await this.#pool.query<TemplateRow>(
      prepared(`SELECT ${PAGE_COLUMNS} FROM templates t WHERE t.workspace_id = $1 AND t.id = $2`, [
        workspaceId,
        promptTemplateId,
      ]),
    );
    return rows[0] && toTemplate(rows[0], workspaceId);
  }

  /** One statement changes the row, so a concurrent Delete makes it find nothing, never half. */
  async update(
    workspaceId: string,
    promptTemplateId: string,
    changes: TemplateChanges,
    options: WriteOptions = {},
  ): Promise<StoredTemplate | undefined> {
    if (!storable(promptTemplateId)) return undefined;
    const name = changes.name === undefined ? undefined : toPostgresText(changes.name);
    const content = changes.content === undefined ? undefined : toPostgresText(changes.content);
    const update = async (client: pg.Pool | pg.PoolClient) => {
      const { rows } = await client.query<TemplateRow>(
        prepared(
          `UPDATE templates t SET
           name = CASE WHEN $3::boolean THEN $4 ELSE name END,
           name_with_nul = CASE WHEN $3::boolean THEN $5::bytea ELSE name_with_nul END,
           content = CASE WHEN $6::boolean THEN $7 ELSE content END,
           content_with_nul = CASE WHEN $6::boolean THEN $8::bytea ELSE content_with_nul END,
           variables = CASE WHEN $6::boolean THEN $9 ELSE variables END,
           updated_at = $10
         WHERE t.workspace_id = $1 AND t.id = $2
         RETURNING ${PAGE_COLUMNS}`,
          [
            workspaceId,
            promptTemplateId,
            name !== undefined,
            name?.text ?? "",
            name?.withNul ?? null,
            content !== undefined,
            content?.text ?? "",
            content?.withNul ?? null,
            JSON.stringify(changes.variables ?? []),
            Date.now(),
          ],
        ),
      );
      return rows[0] && toTemplate(rows[0], workspaceId);
    };
    if (!options.uniqueNames || changes.name === undefined) return update(this.#pool);
    const newName = changes.name;
    return this.#transaction(async (client) => {
      await this.#assertNameFree(client, workspaceId, newName, promptTemplateId);
      return update(client);
    });
  }

  async delete(workspaceId: string, promptTemplateId: string): Promise<boolean> {
    if (!storable(promptTemplateId)) return false;
    const { rowCount } = await this.#pool.query(
      prepared("DELETE FROM templates WHERE workspace_id = $1 AND id = $2", [
        workspaceId,
        promptTemplateId,
      ]),
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * One statement, so the count and the page come from one snapshot. Without a keyword the
   * count is a sum over template_counts and the page an index range: both bounded by the
   * page size. A keyword's count is the cached one while the workspace's write counter is
   * unchanged (read in the same statement: the CASE runs the count subquery only when it
   * differs), else counted through the index; keyword-counts.ts says why.
   */
  async list(query: ListQuery): Promise<ListPage> {
    const keyword = query.nameContains ?? "";
    if (keyword === "") return this.#listAll(query);
    const { workspaceId, type } = query;
    let known = this.#keywordCounts.get(workspaceId, keyword, type);
    if (known?.among === undefined) {
      // Never counted here: count first, since how many match decides how to find the page.
      known = await this.#countKeyword(workspaceId, keyword, type);
      this.#keywordCounts.set(workspaceId, keyword, type, known);
    }
    const plan = chooseKeywordPlan(keyword, known.count, known.among ?? 0, query.limit);
    const parameters = new Parameters();
    const workspace = parameters.add(workspaceId);
    const scope = `t.workspace_id = ${workspace}${typeCondition(type, parameters)}`;
    const counted = `${scope} AND ${keywordCondition(keyword, countPlan(keyword), parameters)}`;
    const paged = `${scope} AND ${keywordCondition(keyword, plan, parameters)}`;
    const { rows } = await this.#pool.query<ListRow>(
      `WITH counter AS (
         SELECT coalesce(sum(writes), 0) AS writes FROM template_counts WHERE workspace_id = ${workspace}
       )
       SELECT counter.writes,
         CASE WHEN counter.writes = ${parameters.add(known.writes)}::bigint
           THEN ${parameters.add(known.count)}::bigint
           ELSE (SELECT count(*) FROM templates t WHERE ${counted}) END AS total,
         page.*
       FROM counter LEFT JOIN LATERAL (
         SELECT ${PAGE_COLUMNS} FROM templates t
         WHERE ${paged} AND t.seq > ${parameters.add(query.after ?? 0)}
         ORDER BY t.seq LIMIT ${parameters.add(query.limit + 1)}
       ) page ON true
       ORDER BY page.seq`,
      parameters.values,
    );
    const page = toPage(rows, query);
    const writes = Number(rows[0]?.writes ?? 0);
    if (writes !== known.writes) {
      this.#keywordCounts.set(workspaceId, keyword, type, {
        writes,
        count: page.totalCount,
        among: known.among,
      });
    }
    return page;
  }

  rememberNonce(
    accessKeyId: string,
    nonce: string,
    expiresAt: number,
    limits: NonceLimits,
  ): Promise<NonceVerdict> {
    return this.#nonces.remember(accessKeyId, nonce, expiresAt, limits);
  }

  /** The first insert wins (primary key); every caller then reads the stored value. */
  async ensureValue(key: string, create: () => string): Promise<string> {
    const read = async () => {
      const { rows } = await this.#pool.query<{ value: string }>(
        prepared("SELECT value FROM meta WHERE key = $1", [key]),
      );
      return rows[0]?.value;
    };
    const existing = await read();
    if (existing !== undefined) return existing;
    await this.#pool.query(
      "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
      [key, create()],
    );
    const stored = await read();
    if (stored === undefined) throw new Error(`no value stored under ${key}`);
    return stored;
  }

  close(): Promise<void> {
    this.#closing ??= this.#pool.end();
    return this.#closing;
  }

  async #listAll(query: ListQuery): Promise<ListPage> {
    const parameters = new Parameters();
    const workspace = parameters.add(query.workspaceId);
    const byType = typeCondition(query.type, parameters);
    const { rows } = await this.#pool.query<ListRow>(
      prepared(
        `SELECT counted.total, page.*
       FROM (SELECT coalesce(sum(templates), 0) AS total FROM template_counts t
             WHERE t.workspace_id = ${workspace}${byType}) counted
       LEFT JOIN LATERAL (
         SELECT ${PAGE_COLUMNS} FROM templates t
         WHERE t.workspace_id = ${workspace}${byType} AND t.seq > ${parameters.add(query.after ?? 0)}
         ORDER BY t.seq LIMIT ${parameters.add(query.limit + 1)}
       ) page ON true
       ORDER BY page.seq`,
        parameters.values,
      ),
    );
    return toPage(rows, query);
  }

  /** The keyword's matches and the templates it was matched among, in one snapshot. */
  async #countKeyword(workspaceId: string, keyword: string, type: TemplateType | undefined) {
    const parameters = new Parameters();
    const workspace = parameters.add(workspaceId);
    const byType = typeCondition(type, parameters);
    const matched = keywordCondition(keyword, countPlan(keyword), parameters);
    const { rows } = await this.#pool.query<{ writes: string; templates: string; count: string }>(
      `SELECT
         (SELECT coalesce(sum(writes), 0) FROM template_counts WHERE workspace_id = ${workspace}) AS writes,
         (SELECT coalesce(sum(templates), 0) FROM template_counts t
          WHERE t.workspace_id = ${workspace}${byType}) AS templates,
         (SELECT count(*) FROM templates t WHERE t.workspace_id = ${workspace}${byType} AND ${matched}) AS count`,
      parameters.values,
    );
    const row = rows[0];
    return {
      writes: Number(row?.writes ?? 0),
      count: Number(row?.count ?? 0),
      among: Number(row?.templates ?? 0),
    };
  }

  /**
   * With uniqueNames: an advisory lock on (workspace, name) held until the transaction ends
   * makes every other writer of that name, in any process, wait here; the check then reads
   * what they committed. READ COMMITTED takes a new snapshot per statement, which is why the
   * lock comes first, in a statement of its own.
   */
  async #assertNameFree(
    client: pg.PoolClient,
    workspaceId: string,
    name: string,
    exceptId: string,
  ): Promise<void> {
    const stored = toPostgresText(name);
    const taken = async () => {
      const { rowCount } = await client.query(
        prepared(
          `SELECT 1 FROM templates
         WHERE workspace_id = $1 AND md5(name) = md5($2) AND name = $2
           AND name_with_nul IS NOT DISTINCT FROM $3::bytea AND id <> $4
         LIMIT 1`,
          [workspaceId, stored.text, stored.withNul, exceptId],
        ),
      );
      return (rowCount ?? 0) > 0;
    };
    // A name already taken needs no lock to be refused: many Creates of one name (a retried
    // import) then do not queue behind each other's commits.
    if (!(await taken())) {
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2 || '/' || $3))", [
        NAME_LOCK_CLASS,
        workspaceId,
        stored.text,
      ]);
      if (!(await taken())) return;
    }
    throw new DuplicateNameError(workspaceId, name);
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/**
 * Whether an identifier from a request (a template id in the path) could be in a text
 * column: one with U+0000 cannot, so no template has it, and PostgreSQL would refuse the
 * query rather than find nothing. Workspace ids and AccessKey ids come from the
 * configuration, which startLocalService checks for U+0000 before it uses this store.
 */
function storable(identifier: string): boolean {
  return !identifier.includes("\u0000");
}

/** The placeholders of one template row, in INSERT_TEMPLATE_COLUMNS order. */
function insertValues(
  parameters: Parameters,
  workspaceId: string,
  type: TemplateType,
  template: NewTemplate,
  now: number,
): string[] {
  const name = toPostgresText(template.name);
  const content = toPostgresText(template.content);
  return [
    parameters.add(newTemplateId()),
    parameters.add(workspaceId),
    parameters.add(type),
    parameters.add(name.text),
    `${parameters.add(name.withNul)}::bytea`,
    parameters.add(content.text),
    `${parameters.add(content.withNul)}::bytea`,
    parameters.add(JSON.stringify(template.variables)),
    parameters.add(now),
    parameters.add(now),
  ];
}

function toTemplate(row: TemplateRow, workspaceId: string): StoredTemplate {
  return {
    promptTemplateId: row.id,
    workspaceId,
    type: row.type,
    name: fromPostgresText(row.name, row.name_with_nul),
    content: fromPostgresText(row.content, row.content_with_nul),
    variables: JSON.parse(row.variables) as string[],
    sequence: Number(row.seq),
  };
}

/** Rows of a List statement (one more than the limit, if there are more) as a page. */
function toPage(rows: readonly ListRow[], query: ListQuery): ListPage {
  const templates = rows.filter((row): row is ListRow & TemplateRow => row.seq != null);
  const items = templates.slice(0, query.limit).map((row) => toTemplate(row, query.workspaceId));
  const last = items.at(-1);
  return {
    items,
    totalCount: Number(rows[0]?.total ?? 0),
    nextCursor: templates.length > query.limit && last ? last.sequence : undefined,
  };
}

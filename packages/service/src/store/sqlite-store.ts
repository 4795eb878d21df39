import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { TemplateType } from "@promptmill/core";
import Database from "better-sqlite3";
import { DuplicateNameError } from "./duplicate-name-error.js";
import { KeywordCounts } from "./keyword-counts.js";
import type { NonceLimits, NonceVerdict } from "./nonce-store.js";
import {
  listByKeyword,
  type PageRow,
  toPage,
  unfilteredListParams,
  unfilteredListSql,
} from "./sqlite-list.js";
import { migrateSqlite } from "./sqlite-migrations.js";
import { SqliteNonceTable } from "./sqlite-nonce-table.js";
import { type ReadTransaction, SqliteWorkerThread } from "./sqlite-worker-thread.js";
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

/**
 * Commits between two checkpoints on the worker thread. A Create at a million templates
 * writes about 15 pages (the row, four index entries, its trigrams, the counts), a nonce 3 or
 * 4, so this is some 500 to 2,000 pages: often enough that the fallback on the writing
 * connection (WAL_FALLBACK_PAGES) is not reached, rarely enough that a page many commits
 * write is copied back once for many of them.
 */
const CHECKPOINT_EVERY_COMMITS = 128;

/** The WAL size at which the writing connection checkpoints itself, on the event loop. */
const WAL_FALLBACK_PAGES = 10_000;

/** What a StoredTemplate is made of; the timestamps are kept but never read back. */
const TEMPLATE_COLUMNS = "seq, id, workspace_id, type, name, content, variables";

interface TemplateRow {
  seq: number;
  id: string;
  workspace_id: string;
  type: TemplateType;
  name: string;
  content: string;
  variables: string;
}

function toTemplate(row: TemplateRow): StoredTemplate {
  return {
    promptTemplateId: row.id,
    workspaceId: row.workspace_id,
    type: row.type,
    name: row.name,
    content: row.content,
    variables: JSON.parse(row.variables) as string[],
    sequence: row.seq,
  };
}

/**
 * The default TemplateStore: one SQLite file in WAL mode, brought to the newest schema on
 * open (sqlite-migrations.ts).
 *
 * Writes are group-committed: the first write of an event-loop turn opens a transaction,
 * every write of that turn runs inside it, and the transaction commits on the next turn. One
 * failure undoes only itself: a write of several statements runs in its own savepoint, and a
 * write of one statement needs none, since SQLite undoes a failed statement on its own. A
 * write's promise settles only after that commit, so a caller never reports a write that is
 * not on disk. A commit costs far more than an insert, so under concurrent load this
 * multiplies write throughput; alone, a write waits one turn longer.
 */
export class SqliteTemplateStore implements TemplateStore {
  readonly file: string;
  readonly #db: Database.Database;
  readonly #listStatements = new Map<string, Database.Statement>();
  readonly #statements;
  /** Runs a function in a transaction, or in a savepoint when a batch is already open. */
  readonly #atomically: (work: () => unknown) => unknown;
  readonly #nonces: SqliteNonceTable;
  /** Keyword Lists and checkpoints, off the event loop; none for a database in memory. */
  readonly #thread: SqliteWorkerThread | undefined;
  /** Where keyword Lists run: the worker thread, or this connection for a database in memory. */
  readonly #reader: Pick<SqliteWorkerThread, "read" | "close">;
  readonly #keywordCounts = new KeywordCounts();
  #batch: ((failure: unknown) => void)[] | undefined;
  #commitsSinceCheckpoint = 0;
  #checkpointing = false;

  constructor(file: string) {
    this.file = file;
    const isNew = file !== ":memory:" && !existsSync(file);
    if (isNew) mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    // The file can hold the development AccessKey: readable by its owner only.
    if (isNew) chmodSync(file, 0o600);
    this.#db.pragma("journal_mode = WAL");
    // NORMAL is durable across process crashes in WAL mode; only power loss can drop the
    // last transactions, which is fine for a local development service.
    this.#db.pragma("synchronous = NORMAL");
    // Checkpoints copy the WAL back into the file and fsync it. Made by this connection, they
    // ran inside the committing write, on the event loop: at a million templates 40-140 ms
    // each on this machine, every 220 Creates or so. The worker thread makes them instead,
    // every CHECKPOINT_EVERY_COMMITS commits (see #afterCommit); this connection does only if
    // the WAL reaches WAL_FALLBACK_PAGES (about 40 MB) all the same. Durability is unchanged:
    // a write is in the WAL when its commit returns, whenever the checkpoint comes.
    this.#db.pragma(`wal_autocheckpoint = ${WAL_FALLBACK_PAGES}`);
    this.#db.pragma("busy_timeout = 5000");
    try {
      migrateSqlite(this.#db, file);
    } catch (error) {
      this.#db.close();
      throw error;
    }

    const db = this.#db;
    this.#thread = file === ":memory:" ? undefined : new SqliteWorkerThread(file);
    this.#reader = this.#thread ?? new SameConnectionReader(db);
    this.#atomically = db.transaction((work: () => unknown) => work());
    this.#nonces = new SqliteNonceTable(db);
    db.transaction(() => this.#nonces.recount()).immediate();
    this.#statements = {
      begin: db.prepare("BEGIN IMMEDIATE"),
      commit: db.prepare("COMMIT"),
      rollback: db.prepare("ROLLBACK"),
      insertWorkspace: db.prepare<[string, number]>(
        "INSERT OR IGNORE INTO workspaces (workspace_id, created_at) VALUES (?, ?)",
      ),
      insertTemplate: db.prepare<
        [string, string, TemplateType, string, string, string, number, number]
      >(
        `INSERT INTO templates (id, workspace_id, type, name, content, variables, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      getTemplate: db.prepare<[string, string], TemplateRow>(
        `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE workspace_id = ? AND id = ?`,
      ),
      updateTemplate: db.prepare<[string, string, string, number, string, string], TemplateRow>(
        `UPDATE templates SET name = ?, content = ?, variables = ?, updated_at = ?
         WHERE workspace_id = ? AND id = ? RETURNING ${TEMPLATE_COLUMNS}`,
      ),
      deleteTemplate: db.prepare<[string, string]>(
        "DELETE FROM templates WHERE workspace_id = ? AND id = ?",
      ),
      nameTaken: db.prepare<[string, string, string]>(
        "SELECT 1 FROM templates WHERE workspace_id = ? AND name = ? AND id <> ? LIMIT 1",
      ),
      getMeta: db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?"),
      insertMeta: db.prepare<[string, string]>(
        "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
      ),
    };
  }

  ensureWorkspace(workspaceId: string, systemTemplates: readonly NewTemplate[]): Promise<boolean> {
    // Several inserts: a savepoint, so a failure part way leaves none of them.
    return this.#write(
      () =>
        this.#atomically(() => {
          const now = Date.now();
          const { changes } = this.#statements.insertWorkspace.run(workspaceId, now);
          if (changes === 0) return false;
          for (const template of systemTemplates) {
            this.#insert(workspaceId, "System", template, now);
          }
          return true;
        }) as boolean,
    );
  }

  create(
    workspaceId: string,
    template: NewTemplate,
    options: WriteOptions = {},
  ): Promise<StoredTemplate> {
    return this.#write(() => {
      if (options.uniqueNames) this.#assertNameFree(workspaceId, template.name, "");
      return this.#insert(workspaceId, "Custom", template, Date.now());
    });
  }

  async get(workspaceId: string, promptTemplateId: string): Promise<StoredTemplate | undefined> {
    const row = this.#statements.getTemplate.get(workspaceId, promptTemplateId);
    return row ? toTemplate(row) : undefined;
  }

  update(
    workspaceId: string,
    promptTemplateId: string,
    changes: TemplateChanges,
    options: WriteOptions = {},
  ): Promise<StoredTemplate | undefined> {
    return this.#write(() => {
      const row = this.#statements.getTemplate.get(workspaceId, promptTemplateId);
      if (!row) return undefined;
      const name = changes.name ?? row.name;
      if (options.uniqueNames && changes.name !== undefined) {
        this.#assertNameFree(workspaceId, name, promptTemplateId);
      }
      const content = changes.content ?? row.content;
      const variables =
        changes.content === undefined ? row.variables : JSON.stringify(changes.variables ?? []);
      const updated = this.#statements.updateTemplate.get(
        name,
        content,
        variables,
        Date.now(),
        workspaceId,
        promptTemplateId,
      );
      return updated ? toTemplate(updated) : undefined;
    });
  }

  delete(workspaceId: string, promptTemplateId: string): Promise<boolean> {
    return this.#write(
      () => this.#statements.deleteTemplate.run(workspaceId, promptTemplateId).changes > 0,
    );
  }

  async list(query: ListQuery): Promise<ListPage> {
    const keyword = query.nameContains ?? "";
    if (keyword !== "") {
      return this.#reader.read((read) => listByKeyword(read, query, keyword, this.#keywordCounts));
    }
    const sql = unfilteredListSql(query.type);
    const params = unfilteredListParams(query);
    const countStatement = this.#listStatement(sql.count).pluck();
    // Rows as arrays, and only the columns a page shows: better-sqlite3 builds an object per
    // row column by column, which cost more than the query itself.
    const pageStatement = this.#listStatement(sql.page).raw(true);
    // One read transaction, so the count and the page describe the same moment.
    return this.#atomically(() => {
      const totalCount = countStatement.get(...params.count) as number;
      // One row more than asked tells whether another page exists.
      const rows = pageStatement.all(...params.page) as PageRow[];
      return toPage(rows, query, totalCount);
    }) as ListPage;
  }

  rememberNonce(
    accessKeyId: string,
    nonce: string,
    expiresAt: number,
    limits: NonceLimits,
  ): Promise<NonceVerdict> {
    // In the write batch like any write: the verdict settles once the nonce is committed, so
    // no request acts (and no response goes out) on a nonce a crash could still forget.
    return this.#write(
      () =>
        this.#atomically(() =>
          this.#nonces.remember(accessKeyId, nonce, expiresAt, limits),
        ) as NonceVerdict,
    );
  }

  async ensureValue(key: string, create: () => string): Promise<string> {
    return this.#write(() => {
      const existing = this.#statements.getMeta.get(key);
      if (existing) return existing.value;
      const value = create();
      this.#statements.insertMeta.run(key, value);
      return value;
    });
  }

  async close(): Promise<void> {
    this.#commit();
    await this.#reader.close();
    if (this.#db.open) this.#db.close();
  }

  /**
   * Runs `work` in the open batch (opening one if needed); settles once the batch commits.
   * `work` may change the database with one statement at most, or else must wrap itself in
   * #atomically, so that a failure leaves nothing of it behind.
   */
  #write<T>(work: () => T): Promise<T> {
    let result: T;
    try {
      if (!this.#batch) {
        this.#statements.begin.run();
        this.#batch = [];
        setImmediate(() => this.#commit());
      }
      result = work();
    } catch (error) {
      return Promise.reject(error);
    }
    const batch = this.#batch;
    return new Promise<T>((resolve, reject) => {
      batch.push((failure) => (failure === undefined ? resolve(result) : reject(failure)));
    });
  }

  #commit(): void {
    const batch = this.#batch;
    if (!batch) return;
    this.#batch = undefined;
    let failure: unknown;
    try {
      this.#statements.commit.run();
    } catch (error) {
      failure = error;
      if (this.#db.inTransaction) this.#statements.rollback.run();
    }
    for (const settle of batch) settle(failure);
    this.#afterCommit();
  }

  /**
   * Asks the worker thread for a checkpoint every CHECKPOINT_EVERY_COMMITS commits: a store
   * that writes little never starts the thread for it. (The WAL file's size says nothing of
   * how much of it is new: SQLite writes it again from the start after each checkpoint.)
   */
  #afterCommit(): void {
    const thread = this.#thread;
    if (!thread || this.#checkpointing) return;
    if (++this.#commitsSinceCheckpoint < CHECKPOINT_EVERY_COMMITS) return;
    this.#commitsSinceCheckpoint = 0;
    this.#checkpointing = true;
    thread
      .checkpoint()
      // A failed checkpoint (the store closing) leaves the WAL to the next one, or to the
      // fallback on this connection.
      .catch(() => undefined)
      .finally(() => {
        this.#checkpointing = false;
      });
  }

  #insert(
    workspaceId: string,
    type: TemplateType,
    template: NewTemplate,
    now: number,
  ): StoredTemplate {
    const promptTemplateId = newTemplateId();
    // Built from what was written rather than read back: reading a 20,000-character content
    // back out of SQLite would cost as much as writing it.
    const { lastInsertRowid } = this.#statements.insertTemplate.run(
      promptTemplateId,
      workspaceId,
      type,
      template.name,
      template.content,
      JSON.stringify(template.variables),
      now,
      now,
    );
    return {
      promptTemplateId,
      workspaceId,
      type,
      name: template.name,
      content: template.content,
      variables: [...template.variables],
      sequence: Number(lastInsertRowid),
    };
  }

  #assertNameFree(workspaceId: string, name: string, exceptId: string): void {
    if (this.#statements.nameTaken.get(workspaceId, name, exceptId)) {
      throw new DuplicateNameError(workspaceId, name);
    }
  }

  #listStatement(sql: string): Database.Statement {
    let statement = this.#listStatements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#listStatements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * For a database in memory, which no other connection can open: keyword Lists run on the
 * store's own connection, on the event loop. Statements run one by one as they are asked
 * for, without a transaction of their own (better-sqlite3 cannot keep one open across awaits).
 */
class SameConnectionReader {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  read<T>(work: (transaction: ReadTransaction) => Promise<T>): Promise<T> {
    return work({
      get: async (sql, params) => this.#db.prepare(sql).get(...params) as never,
      rows: async (sql, params) =>
        this.#db
          .prepare(sql)
          .raw(true)
          .all(...params) as never,
    });
  }

  async close(): Promise<void> {}
}

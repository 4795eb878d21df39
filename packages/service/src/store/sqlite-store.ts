import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { TemplateType } from "@promptmill/core";
import Database from "better-sqlite3";
import { DuplicateNameError } from "./duplicate-name-error.js";
import type { NonceLimits, NonceVerdict } from "./nonce-store.js";
import { NONCE_SCHEMA, SqliteNonceTable } from "./sqlite-nonce-table.js";
import type {
  ListPage,
  ListQuery,
  NewTemplate,
  StoredTemplate,
  TemplateChanges,
  TemplateStore,
  WriteOptions,
} from "./template-store.js";

/** 2 added the signature nonces: an older promptmill would ignore them and accept replays. */
const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS workspaces (
  workspace_id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
);
-- seq is the rowid; AUTOINCREMENT keeps a deleted template's number from being reused,
-- so a nextToken that points past it still means "after this point in time".
CREATE TABLE IF NOT EXISTS templates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  workspace_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('System', 'Custom')),
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  variables TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- The only secondary index: each one costs every insert a page write. The uniqueNames check
-- scans a workspace's rows through it, which is fine at the sizes of a local service.
CREATE INDEX IF NOT EXISTS templates_by_workspace ON templates (workspace_id, seq);
`;

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

/** A List row: seq, id, type, name, content, variables. */
type PageRow = [number, string, TemplateType, string, string, string];

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
 * 32 lowercase hex characters, the shape of the real service's ids. Ours are UUIDv7s (RFC
 * 9562) without their dashes: the milliseconds since the epoch first, then 74 random bits.
 *
 * Not random UUIDv4s, on purpose: the unique index on `id` is a B-tree, and a random key
 * lands on a random page of it, so every Create dirtied a page of its own, written to the WAL
 * at its commit and again at the next checkpoint. Ids that start with the time land on the
 * page the previous ones did. Measured: with 100,000 templates stored, an insert in batches
 * of 8 took 8-11 µs of CPU instead of 21-25, and commits under a Create load 40% less time.
 * Ids stay unguessable (74 random bits) and unique (the index still checks). The random bits
 * come from randomUUID, which draws from Node's entropy cache, far cheaper per id than
 * randomBytes; its variant digit is already the one a UUIDv7 has.
 */
function newTemplateId(): string {
  const random = randomUUID();
  const time = Date.now().toString(16).padStart(12, "0");
  // random is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep rand_a (3 digits) and V + rand_b.
  return `${time}7${random.slice(15, 18)}${random.slice(19, 23)}${random.slice(24)}`;
}

/**
 * The default TemplateStore: one SQLite file in WAL mode, schema created on first open.
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
  #batch: ((failure: unknown) => void)[] | undefined;

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
    // Checkpoints are where the file is fsynced, and the committing write waits for them. Every
    // 4,000 pages (a WAL of at most about 16 MB) rather than SQLite's 1,000: a page written by
    // many commits (the end of the table, of its workspace index) is copied back once, not four
    // times, and the event loop stalls a quarter as often. Measured on inserts in batches of 8:
    // 35-38 µs a write instead of 50-55, 21-24 µs of CPU instead of 28-32. Durability is
    // unchanged: a write is in the WAL when its commit returns, whenever the checkpoint comes.
    this.#db.pragma("wal_autocheckpoint = 4000");
    this.#db.pragma("busy_timeout = 5000");
    this.#db.exec(SCHEMA);
    this.#db.exec(NONCE_SCHEMA);
    const version = this.#db.pragma("user_version", { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.#db.close();
      throw new Error(`${file} was written by a newer promptmill (schema ${version})`);
    }
    this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);

    const db = this.#db;
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
    const conditions = ["workspace_id = ?"];
    const params: (string | number)[] = [query.workspaceId];
    if (query.nameContains !== undefined && query.nameContains !== "") {
      // instr() rather than LIKE: a keyword is matched literally and case-sensitively,
      // so `%` and `_` in it are ordinary characters.
      conditions.push("instr(name, ?) > 0");
      params.push(query.nameContains);
    }
    if (query.type !== undefined) {
      conditions.push("type = ?");
      params.push(query.type);
    }
    const where = conditions.join(" AND ");
    const countStatement = this.#listStatement(
      `SELECT count(*) AS n FROM templates WHERE ${where}`,
    );
    // Rows as arrays, and only the columns a page shows: better-sqlite3 builds an object per
    // row column by column, which cost more than the query itself.
    const pageStatement = this.#listStatement(
      `SELECT seq, id, type, name, content, variables FROM templates WHERE ${where} AND seq > ? ORDER BY seq LIMIT ?`,
    ).raw(true);

    // One read transaction, so the count and the page describe the same moment.
    return this.#atomically(() => {
      const { n } = countStatement.get(...params) as { n: number };
      // One row more than asked tells whether another page exists.
      const rows = pageStatement.all(...params, query.after ?? 0, query.limit + 1) as PageRow[];
      const hasMore = rows.length > query.limit;
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
        totalCount: n,
        nextCursor: hasMore && last ? last.sequence : undefined,
      };
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

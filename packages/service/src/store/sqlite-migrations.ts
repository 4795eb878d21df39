import type Database from "better-sqlite3";
import { pendingMigrations, type SchemaMigration } from "./schema-migration.js";

/**
 * The SQLite store's schema, step by step. 1 and 2 are the schema as released before
 * migrations were numbered (a file of that time says how far it got in `user_version`); they
 * keep `IF NOT EXISTS` because that release created them that way.
 */
export const SQLITE_MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    name: "templates",
    sql: `
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
CREATE INDEX IF NOT EXISTS templates_by_workspace ON templates (workspace_id, seq);
`,
  },
  {
    version: 2,
    // An older promptmill would ignore the nonces and accept replays: hence a new version.
    name: "signature-nonces",
    sql: `
-- Nonces keyed by (key, nonce) with their expiry, and a count of rows per key kept in step in
-- the same transactions, so a key's bound is checked without counting its rows. The index by
-- (key, expiry) finds a key's expired nonces and its oldest live one.
CREATE TABLE IF NOT EXISTS signature_nonces (
  access_key_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (access_key_id, nonce)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS signature_nonces_by_expiry
  ON signature_nonces (access_key_id, expires_at);
CREATE TABLE IF NOT EXISTS signature_nonce_counts (
  access_key_id TEXT PRIMARY KEY,
  stored INTEGER NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    version: 3,
    name: "list-at-scale",
    sql: `
-- List pages by an index that yields rows in seq order for every filter: the workspace
-- (templates_by_workspace), the workspace and type (this one), a keyword (template_names,
-- whose rowids are seqs and come out in order).
CREATE INDEX templates_by_workspace_type ON templates (workspace_id, type, seq);
-- The uniqueNames check looked at every template of the workspace.
CREATE INDEX templates_by_workspace_name ON templates (workspace_id, name);

-- totalCount without counting: templates per workspace and type, changed by the triggers
-- below in the transaction of the write. \`writes\` grows with every insert, delete and
-- rename, so a keyword's count read at one value of it holds while the value is unchanged.
CREATE TABLE template_counts (
  workspace_id TEXT NOT NULL,
  type TEXT NOT NULL,
  templates INTEGER NOT NULL,
  writes INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, type)
) WITHOUT ROWID;
INSERT INTO template_counts (workspace_id, type, templates, writes)
  SELECT workspace_id, type, count(*), count(*) FROM templates GROUP BY workspace_id, type;

-- Every run of three characters (code points) of each name, case kept: a keyword of three
-- or more is a phrase of its trigrams, which matches exactly the names that contain it.
-- External content: the names are read from templates, not stored twice.
CREATE VIRTUAL TABLE template_names USING fts5(
  name,
  content = 'templates',
  content_rowid = 'seq',
  tokenize = 'trigram case_sensitive 1'
);
INSERT INTO template_names (template_names) VALUES ('rebuild');

CREATE TRIGGER templates_after_insert AFTER INSERT ON templates BEGIN
  INSERT INTO template_counts (workspace_id, type, templates, writes)
    VALUES (new.workspace_id, new.type, 1, 1)
    ON CONFLICT (workspace_id, type)
    DO UPDATE SET templates = templates + 1, writes = writes + 1;
  INSERT INTO template_names (rowid, name) VALUES (new.seq, new.name);
END;
CREATE TRIGGER templates_after_delete AFTER DELETE ON templates BEGIN
  UPDATE template_counts SET templates = templates - 1, writes = writes + 1
    WHERE workspace_id = old.workspace_id AND type = old.type;
  INSERT INTO template_names (template_names, rowid, name) VALUES ('delete', old.seq, old.name);
END;
CREATE TRIGGER templates_after_rename AFTER UPDATE OF name ON templates
  WHEN old.name IS NOT new.name BEGIN
  UPDATE template_counts SET writes = writes + 1
    WHERE workspace_id = old.workspace_id AND type = old.type;
  INSERT INTO template_names (template_names, rowid, name) VALUES ('delete', old.seq, old.name);
  INSERT INTO template_names (rowid, name) VALUES (new.seq, new.name);
END;
`,
  },
];

/**
 * Brings a SQLite file to the newest schema, in one IMMEDIATE transaction: a second process
 * opening the same file waits for it (busy_timeout), then finds nothing left to do. A file
 * made before migrations were recorded has only `user_version`; the steps up to it are
 * recorded as applied. `user_version` stays equal to the newest step, so the release before
 * this one, which compares it with its own version, refuses a file it would not understand.
 */
export function migrateSqlite(
  db: Database.Database,
  file: string,
  migrations: readonly SchemaMigration[] = SQLITE_MIGRATIONS,
): SchemaMigration[] {
  return db
    .transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    )`);
      const record = db.prepare<[number, string, number]>(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
      );
      let applied = new Set(
        db.prepare<[], number>("SELECT version FROM schema_migrations").pluck().all(),
      );
      const released = db.pragma("user_version", { simple: true }) as number;
      if (applied.size === 0 && released > 0) {
        // Refuses a file from a newer release before recording anything.
        pendingMigrations(migrations, new Set([released]), file);
        const made = migrations.filter((migration) => migration.version <= released);
        for (const migration of made) record.run(migration.version, migration.name, Date.now());
        applied = new Set(made.map((migration) => migration.version));
      }
      const pending = pendingMigrations(migrations, applied, file);
      for (const migration of pending) {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, Date.now());
      }
      db.pragma(`user_version = ${migrations.length}`);
      return pending;
    })
    .immediate();
}

import type pg from "pg";
import { pendingMigrations, type SchemaMigration } from "./schema-migration.js";

/**
 * Slots of a count: each count (templates of a workspace and type, nonces of a key) is split
 * over this many rows, and a transaction adds to the row of its connection's backend, so
 * concurrent writers seldom wait for one another's row lock. A single row would be held by
 * each writer until it commits, that is across its WAL flush (2.4 ms on this machine's disk),
 * and would let one workspace take at most about 400 writes a second. Reading a count sums
 * the slots.
 */
export const COUNT_SLOTS = 16;

/** The PostgreSQL store's schema, step by step. */
export const POSTGRES_MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    name: "templates",
    sql: `
-- Trigram indexes for the name keyword (a trusted extension: the database's owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE meta (
  key text COLLATE "C" PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE workspaces (
  workspace_id text COLLATE "C" PRIMARY KEY,
  created_at bigint NOT NULL
);
-- seq comes from a sequence, which never hands out a number twice, so a nextToken that points
-- past a deleted template still means "after this point in time". name and content hold the
-- value with U+0000 replaced; *_with_nul its exact bytes when it has one (postgres-text.ts).
CREATE TABLE templates (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  workspace_id text COLLATE "C" NOT NULL,
  type text NOT NULL CHECK (type IN ('System', 'Custom')),
  name text NOT NULL,
  name_with_nul bytea,
  content text NOT NULL,
  content_with_nul bytea,
  variables text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
-- Pages come in seq order from an index for every filter: the workspace, the workspace and
-- type; a keyword's matches come from the trigram index (then sorted) when they are few, or
-- from the first of these, filtered, when they are many (postgres-list.ts chooses).
CREATE INDEX templates_by_workspace ON templates (workspace_id, seq);
CREATE INDEX templates_by_workspace_type ON templates (workspace_id, type, seq);
CREATE INDEX templates_name_trigrams ON templates USING gin (name gin_trgm_ops);
-- The uniqueNames check. md5: a B-tree entry must stay under about 2,700 bytes, and
-- nameMaxLength is a setting.
CREATE INDEX templates_by_workspace_name ON templates (workspace_id, md5(name));

-- totalCount without counting: templates per workspace and type, in ${COUNT_SLOTS} slots, changed by
-- the triggers below in the transaction of the write. \`writes\` grows with every insert,
-- delete and rename, so a keyword's count read at one sum of it holds while the sum is unchanged.
CREATE TABLE template_counts (
  workspace_id text COLLATE "C" NOT NULL,
  type text NOT NULL,
  slot smallint NOT NULL,
  templates bigint NOT NULL,
  writes bigint NOT NULL,
  PRIMARY KEY (workspace_id, type, slot)
);

-- Once per statement, over the rows it changed: a bulk insert updates each count once.
CREATE FUNCTION count_template_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO template_counts (workspace_id, type, slot, templates, writes)
      SELECT workspace_id, type, pg_backend_pid() % ${COUNT_SLOTS}, count(*), count(*)
      FROM changed_after GROUP BY workspace_id, type
      ON CONFLICT (workspace_id, type, slot) DO UPDATE SET
        templates = template_counts.templates + excluded.templates,
        writes = template_counts.writes + excluded.writes;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO template_counts (workspace_id, type, slot, templates, writes)
      SELECT workspace_id, type, pg_backend_pid() % ${COUNT_SLOTS}, -count(*), count(*)
      FROM changed_before GROUP BY workspace_id, type
      ON CONFLICT (workspace_id, type, slot) DO UPDATE SET
        templates = template_counts.templates + excluded.templates,
        writes = template_counts.writes + excluded.writes;
  ELSE
    INSERT INTO template_counts (workspace_id, type, slot, templates, writes)
      SELECT b.workspace_id, b.type, pg_backend_pid() % ${COUNT_SLOTS}, 0, count(*)
      FROM changed_before b JOIN changed_after a USING (seq)
      WHERE a.name IS DISTINCT FROM b.name OR a.name_with_nul IS DISTINCT FROM b.name_with_nul
      GROUP BY b.workspace_id, b.type
      ON CONFLICT (workspace_id, type, slot) DO UPDATE SET
        writes = template_counts.writes + excluded.writes;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER templates_counted_after_insert AFTER INSERT ON templates
  REFERENCING NEW TABLE AS changed_after
  FOR EACH STATEMENT EXECUTE FUNCTION count_template_changes();
CREATE TRIGGER templates_counted_after_delete AFTER DELETE ON templates
  REFERENCING OLD TABLE AS changed_before
  FOR EACH STATEMENT EXECUTE FUNCTION count_template_changes();
CREATE TRIGGER templates_counted_after_update AFTER UPDATE ON templates
  REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed_after
  FOR EACH STATEMENT EXECUTE FUNCTION count_template_changes();

-- Nonces keyed by (key, nonce) with their expiry; a count of rows per key in slots, changed
-- in the statement that inserts or deletes them (postgres-nonce-table.ts).
CREATE TABLE signature_nonces (
  access_key_id text COLLATE "C" NOT NULL,
  nonce text COLLATE "C" NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (access_key_id, nonce)
);
CREATE INDEX signature_nonces_by_expiry ON signature_nonces (access_key_id, expires_at);
CREATE TABLE signature_nonce_counts (
  access_key_id text COLLATE "C" NOT NULL,
  slot smallint NOT NULL,
  stored bigint NOT NULL,
  PRIMARY KEY (access_key_id, slot)
);
`,
  },
];

/** Any number, the same in every process: the key of the lock that serialises migrations. */
const MIGRATION_LOCK = 4_728_115_301;

/**
 * Brings a PostgreSQL database to the newest schema in one transaction. Several service
 * processes may start at once: a transaction-scoped advisory lock makes the others wait, and
 * each then reads what is recorded after the first committed, finding nothing to do.
 */
export async function migratePostgres(
  client: pg.ClientBase,
  database: string,
  migrations: readonly SchemaMigration[] = POSTGRES_MIGRATIONS,
): Promise<SchemaMigration[]> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>(
      "SELECT version FROM schema_migrations",
    );
    const pending = pendingMigrations(
      migrations,
      new Set(rows.map((row) => row.version)),
      database,
    );
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    }
    await client.query("COMMIT");
    return pending;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

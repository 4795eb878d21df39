import { PromptmillError } from "@promptmill/core";

/**
 * One step of a store's schema. Each store has its own list (the SQL differs), numbered from
 * 1 without gaps, applied in order at start inside a transaction, and recorded in the
 * database's `schema_migrations` table with its name, so a database says which steps made it.
 * A step is never edited once released: a change is a new step.
 */
export interface SchemaMigration {
  version: number;
  /** What the step is for, kebab-case; recorded beside the version. */
  name: string;
  /** The statements, run as one script. */
  sql: string;
}

/** A database migrated further than this code knows: an older promptmill must not write to it. */
export class NewerSchemaError extends PromptmillError {
  override readonly name: string = "NewerSchemaError";
}

/**
 * The steps of `known` that `applied` (versions recorded in the database) lacks, in order.
 * Refuses a database that has a version this code does not know, and a list that is not
 * numbered 1, 2, 3… (a step deleted or two steps with one number would go unnoticed).
 */
export function pendingMigrations(
  known: readonly SchemaMigration[],
  applied: ReadonlySet<number>,
  database: string,
): SchemaMigration[] {
  known.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration ${migration.name} is numbered ${migration.version}, not ${index + 1}`,
      );
    }
  });
  const newest = Math.max(0, ...applied);
  if (newest > known.length) {
    throw new NewerSchemaError(
      `${database} was written by a newer promptmill (schema ${newest}; this one knows ${known.length})`,
    );
  }
  return known.filter((migration) => !applied.has(migration.version));
}

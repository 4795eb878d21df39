import { PostgresTemplateStore } from "./postgres-store.js";
import { SqliteTemplateStore } from "./sqlite-store.js";
import type { TemplateStore } from "./template-store.js";

/** Where a store's data is: a SQLite file, or a PostgreSQL database by its URL. */
export type StoreLocation =
  | { dataFile: string; database?: undefined }
  | { database: string; dataFile?: undefined; poolSize?: number | undefined };

/** Opens the store at `location`, its schema brought up to date. */
export async function openTemplateStore(location: StoreLocation): Promise<TemplateStore> {
  if (location.database !== undefined) {
    return PostgresTemplateStore.open(location.database, { poolSize: location.poolSize });
  }
  return new SqliteTemplateStore(location.dataFile);
}

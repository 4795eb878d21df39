import { PromptmillError } from "@promptmill/core";

/** The environment variable that selects PostgreSQL when no `--database` flag does. */
export const DATABASE_URL_ENV = "PROMPTMILL_DATABASE_URL";

const POSTGRES_SCHEMES = new Set(["postgres:", "postgresql:"]);

/** A database URL that cannot be used; its message never holds the URL's password. */
export class DatabaseUrlError extends PromptmillError {
  override readonly name: string = "DatabaseUrlError";
}

/**
 * Which database a service program uses: the `--database` flag's value, else
 * `PROMPTMILL_DATABASE_URL`, else none (undefined: the SQLite data file). Either must be a
 * PostgreSQL URL, `postgres://user:password@host:port/database` (or `postgresql://`, with
 * node-postgres's query parameters such as `sslmode`); an empty value counts as absent.
 * Throws DatabaseUrlError, whose message shows the URL with its password replaced.
 */
export function resolveDatabaseUrl(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const [source, value] =
    flag !== undefined && flag !== ""
      ? ["--database", flag]
      : ["PROMPTMILL_DATABASE_URL", env[DATABASE_URL_ENV]];
  if (value === undefined || value === "") return undefined;
  if (!isPostgresUrl(value)) {
    throw new DatabaseUrlError(
      `${source} must be a PostgreSQL URL (postgres://user:password@host:5432/database), not ${redactDatabaseUrl(value)}; a SQLite data file is chosen with --data`,
    );
  }
  return value;
}

export function isPostgresUrl(value: string): boolean {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  return url !== undefined && POSTGRES_SCHEMES.has(url.protocol) && url.host !== "";
}

/**
 * The URL as it may be printed or logged: the password (in the user part or a query
 * parameter whose name mentions it) replaced by `***`. A value that is not a URL at all is
 * not shown, since where its secret sits cannot be told.
 */
export function redactDatabaseUrl(value: string): string {
  if (!URL.canParse(value)) return "(a value that is not a URL)";
  const url = new URL(value);
  if (url.password !== "") url.password = "***";
  for (const name of [...url.searchParams.keys()]) {
    if (/pass/i.test(name)) url.searchParams.set(name, "***");
  }
  return url.toString().replaceAll("%2A%2A%2A", "***");
}

/**
 * `text` with every appearance of the URL's password (as written, and percent-decoded)
 * replaced by `***`: for messages that come from the database driver, which could quote it.
 */
export function withoutPassword(text: string, value: string): string {
  if (!URL.canParse(value)) return text;
  const url = new URL(value);
  const secrets = new Set<string>();
  for (const secret of [url.password, ...passwordParameters(url)]) {
    if (secret === "") continue;
    secrets.add(secret);
    try {
      secrets.add(decodeURIComponent(secret));
    } catch {
      // Not valid percent-encoding: the raw form is all there is.
    }
  }
  let scrubbed = text.replaceAll(value, redactDatabaseUrl(value));
  for (const secret of secrets) scrubbed = scrubbed.replaceAll(secret, "***");
  return scrubbed;
}

function passwordParameters(url: URL): string[] {
  return [...url.searchParams.entries()]
    .filter(([name]) => /pass/i.test(name))
    .map(([, secret]) => secret);
}

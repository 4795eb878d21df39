/**
 * A flag of `promptmill serve` and `promptmill-server`, as data: each program turns the list
 * into options of its own command-line parser, so the two programs have one set of flags,
 * one set of descriptions and one precedence (`resolveServeOptions`), without this package
 * depending on a parser.
 */
export interface ServeFlagSpec {
  /** As commander spells it: `--port <number>`. */
  readonly flags: string;
  readonly description: string;
  /** Allowed values, when there is a fixed set. */
  readonly choices?: readonly string[] | undefined;
}

/** What the flags give, as a parser hands them over (values as typed). */
export interface ServeFlags {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly data?: string | undefined;
  readonly database?: string | undefined;
  readonly workers?: string | undefined;
  readonly config?: string | undefined;
  readonly keys?: string | undefined;
  readonly faults?: string | undefined;
  readonly logFormat?: string | undefined;
  readonly quiet?: boolean | undefined;
  readonly json?: boolean | undefined;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_DATA_FILE = "./.promptmill/local.sqlite";

/**
 * Every flag, in the order `--help` lists them. The environment variables are read by
 * `resolveServeOptions` (a flag wins over its variable, which wins over the config file).
 */
export const SERVE_FLAGS: readonly ServeFlagSpec[] = [
  {
    flags: "--port <number>",
    description: `port to listen on, 0 for any free one (env PROMPTMILL_PORT, default ${DEFAULT_PORT})`,
  },
  { flags: "--host <address>", description: "address to listen on (default 127.0.0.1)" },
  {
    flags: "--data <file>",
    description: `SQLite data file, created when missing; keeps the development key (env PROMPTMILL_DATA, default ${DEFAULT_DATA_FILE})`,
  },
  {
    flags: "--database <url>",
    description:
      "PostgreSQL instead of a SQLite file: postgres://user:password@host:5432/database (env PROMPTMILL_DATABASE_URL); the password is never printed",
  },
  {
    flags: "--workers <n>",
    description:
      "service processes sharing the port and the data (env PROMPTMILL_WORKERS, default 1); use with --database",
  },
  {
    flags: "--config <file>",
    description: 'JSON file {"accessKeys": [...], "settings": {...}}',
  },
  {
    flags: "--keys <json|file>",
    description:
      "access keys as JSON [{accessKeyId, accessKeySecret, workspaces}] or a file holding it (env PROMPTMILL_ACCESS_KEYS; default: a development key)",
  },
  {
    flags: "--faults <json>",
    description: 'fault injection, e.g. {"rate":0.1,"kinds":["throttle"]} (env PROMPTMILL_FAULTS)',
  },
  {
    flags: "--log-format <format>",
    description: "request log on stderr: lines of text, or one JSON object a line (default text)",
    choices: ["text", "json"],
  },
  { flags: "-q, --quiet", description: "no request log" },
  { flags: "--json", description: "print one JSON object instead of the export lines" },
];

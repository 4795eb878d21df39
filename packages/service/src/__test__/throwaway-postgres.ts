import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** Debian's PostgreSQL 15 server programs, or the directory PROMPTMILL_POSTGRES_BIN names. */
export const POSTGRES_BIN = process.env.PROMPTMILL_POSTGRES_BIN || "/usr/lib/postgresql/15/bin";

export interface ThrowawayPostgresOptions {
  /**
   * Skip fsync (default true): the cluster is deleted afterwards, so a power loss could only
   * lose what is thrown away anyway, and tests that create a database each run far faster.
   * Commits still wait for the WAL write, so a killed service process loses nothing. The
   * benchmark passes false, to measure what a real server does.
   */
  skipFsync?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
}

export interface ThrowawayPostgres {
  /** A URL for `database` on this cluster, with its password. Never print it. */
  url(database: string): string;
  /** Creates a new, empty database and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server at once and deletes the cluster. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL cluster of its own in a temporary directory, on a free port, listening on
 * 127.0.0.1 only, with a random password for its one user: started with initdb and pg_ctl,
 * as the `postgres` user when this process is root (initdb refuses root).
 */
export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const directory = mkdtempSync(join(tmpdir(), "promptmill-postgres-"));
  const data = join(directory, "data");
  const passwordFile = join(directory, "password");
  const password = randomBytes(18).toString("base64url");
  writeFileSync(passwordFile, password, { mode: 0o600 });
  const asServerUser = await serverUser(directory, passwordFile);
  const program = (name: string) => join(POSTGRES_BIN, name);

  try {
    await run(
      ...asServerUser(program("initdb"), [
        "--pgdata",
        data,
        "--username",
        "promptmill",
        "--pwfile",
        passwordFile,
        "--auth",
        "scram-sha-256",
        "--encoding",
        "UTF8",
        // A locale whose character classes know CJK: pg_trgm then makes trigrams of Chinese names.
        "--locale",
        "C.UTF-8",
        "--no-sync",
      ]),
    );
    const port = await freePort();
    const settings: Record<string, string> = {
      listen_addresses: "127.0.0.1",
      port: String(port),
      unix_socket_directories: directory,
      max_connections: "300",
      ...(options.skipFsync === false ? {} : { fsync: "off", full_page_writes: "off" }),
      ...options.settings,
    };
    const serverOptions = Object.entries(settings)
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(" ");
    await run(
      ...asServerUser(program("pg_ctl"), [
        "--pgdata",
        data,
        "--log",
        join(directory, "server.log"),
        "--wait",
        "--options",
        serverOptions,
        "start",
      ]),
    );
    const url = (database: string) =>
      `postgres://promptmill:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    return {
      url,
      createDatabase: (prefix) => createDatabase(url("postgres"), prefix),
      async stop() {
        await run(
          ...asServerUser(program("pg_ctl"), ["--pgdata", data, "--mode", "immediate", "stop"]),
        ).catch(() => undefined);
        rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

let created = 0;

/** Creates a new, empty database on the cluster `adminUrl` reaches; returns its URL. */
export async function createDatabase(adminUrl: string, prefix = "promptmill"): Promise<string> {
  const name = `${prefix}_${process.pid}_${created++}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

type Command = [file: string, args: string[]];

/** How to run a server program: directly, or as `postgres` when root (its files given to it). */
async function serverUser(
  directory: string,
  passwordFile: string,
): Promise<(file: string, args: string[]) => Command> {
  if (process.getuid?.() !== 0) return (file, args) => [file, args];
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run("id", ["-u", "postgres"]),
    run("id", ["-g", "postgres"]),
  ]);
  chownSync(directory, Number(uid), Number(gid));
  chownSync(passwordFile, Number(uid), Number(gid));
  chmodSync(directory, 0o700);
  return (file, args) => ["runuser", ["-u", "postgres", "--", file, ...args]];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { PromptmillError } from "@promptmill/core";
import { type AccessKeyConfig, accessKeyListSchema } from "../access-keys.js";
import { resolveDatabaseUrl } from "../database-url.js";
import type { LogFormat } from "../internal/request-log.js";
import {
  type FaultSettings,
  faultSettingsInputSchema,
  type ServiceSettingsInput,
  serviceSettingsInputSchema,
} from "../settings.js";
import type { LocalServiceOptions } from "../start-local-service.js";
import { DEFAULT_DATA_FILE, DEFAULT_PORT, type ServeFlags } from "./serve-flags.js";

/** Everything `runServe` needs, resolved from flags, environment and config file. */
export interface ServeOptions {
  /** What the service itself is started with (one process, or each of `workers`). */
  readonly service: LocalServiceOptions;
  /** Service processes: 1 runs in this process; more run as a cluster on one port. */
  readonly workers: number;
  readonly logFormat: LogFormat;
  /** No request log. */
  readonly quiet: boolean;
  /** The banner as one JSON object. */
  readonly json: boolean;
}

/**
 * A mistake in the flags, the environment or the config file: reported, then exit 1. The
 * message says where the mistake is, never the value (it may hold a secret).
 */
export class ServeOptionsError extends PromptmillError {
  override readonly name: string = "ServeOptionsError";
}

interface SafeParser<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * The one resolution of `promptmill serve` and `promptmill-server`: a flag wins over its
 * environment variable, which wins over the config file, which wins over the defaults.
 * Relative paths are taken from `cwd`.
 */
export async function resolveServeOptions(
  flags: ServeFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<ServeOptions> {
  let fileKeys: AccessKeyConfig[] | undefined;
  let fileSettings: ServiceSettingsInput = {};
  if (flags.config !== undefined) {
    const path = resolve(cwd, flags.config);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw new ServeOptionsError(`cannot read --config ${path}: ${(error as Error).message}`);
    }
    const config = parseJson(text, `--config ${path}`);
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
      throw new ServeOptionsError(
        `--config ${path} must hold a JSON object {accessKeys, settings}`,
      );
    }
    const { accessKeys, settings, ...unknown } = config as Record<string, unknown>;
    const extra = Object.keys(unknown);
    if (extra.length > 0) {
      throw new ServeOptionsError(`--config ${path}: unknown field(s) ${extra.join(", ")}`);
    }
    if (accessKeys !== undefined) {
      fileKeys = check(accessKeyListSchema, accessKeys, `--config ${path} accessKeys`);
    }
    if (settings !== undefined) {
      fileSettings = check(serviceSettingsInputSchema, settings, `--config ${path} settings`);
    }
  }

  const keys = await accessKeysFrom(flags.keys, env.PROMPTMILL_ACCESS_KEYS, cwd);

  const faultsText = flags.faults ?? (env.PROMPTMILL_FAULTS || undefined);
  const faultsSource = flags.faults !== undefined ? "--faults" : "PROMPTMILL_FAULTS";
  const faults: Partial<FaultSettings> | undefined =
    faultsText === undefined
      ? undefined
      : check(faultSettingsInputSchema, parseJson(faultsText, faultsSource), faultsSource);

  const portText = flags.port ?? (env.PROMPTMILL_PORT || undefined);
  const port = portText === undefined ? DEFAULT_PORT : parsePort(portText);
  const workersText = flags.workers ?? (env.PROMPTMILL_WORKERS || undefined);
  const workers = workersText === undefined ? 1 : parseWorkers(workersText);

  let database: string | undefined;
  try {
    database = resolveDatabaseUrl(flags.database, env);
  } catch (error) {
    // Its message shows the URL with the password replaced.
    throw new ServeOptionsError((error as Error).message);
  }
  if (database !== undefined && flags.data !== undefined) {
    throw new ServeOptionsError(
      "--data (a SQLite file) and a PostgreSQL database are two places for the data: give one",
    );
  }
  const logFormat = flags.logFormat ?? "text";
  if (logFormat !== "text" && logFormat !== "json") {
    throw new ServeOptionsError(
      `--log-format must be text or json, not ${JSON.stringify(logFormat)}`,
    );
  }

  return {
    service: {
      host: flags.host ?? "127.0.0.1",
      port,
      ...(database === undefined
        ? { dataFile: resolve(cwd, flags.data ?? (env.PROMPTMILL_DATA || DEFAULT_DATA_FILE)) }
        : { database }),
      accessKeys: keys ?? fileKeys,
      settings: { ...fileSettings, faults: { ...fileSettings.faults, ...faults } },
    },
    workers,
    logFormat,
    quiet: flags.quiet === true,
    json: flags.json === true,
  };
}

/**
 * `--keys` (inline JSON, or the path of a file holding it), else PROMPTMILL_ACCESS_KEYS
 * (inline JSON). An empty list is a mistake: a service nobody can call.
 */
async function accessKeysFrom(
  flag: string | undefined,
  variable: string | undefined,
  cwd: string,
): Promise<AccessKeyConfig[] | undefined> {
  let text: string;
  let source: string;
  if (flag !== undefined) {
    source = "--keys";
    if (flag.trimStart().startsWith("[")) text = flag;
    else {
      const path = resolve(cwd, flag);
      try {
        text = await readFile(path, "utf8");
      } catch {
        throw new ServeOptionsError(`--keys: ${path} is neither a JSON array nor a readable file`);
      }
    }
  } else if (variable) {
    source = "PROMPTMILL_ACCESS_KEYS";
    text = variable;
  } else {
    return undefined;
  }
  const keys = check(accessKeyListSchema, parseJson(text, source), source);
  if (keys.length === 0) {
    throw new ServeOptionsError(
      `${source}: expected a non-empty array of {accessKeyId, accessKeySecret, workspaces: [...]}`,
    );
  }
  return keys;
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new ServeOptionsError(
      `the port must be a number from 0 to 65535, not ${JSON.stringify(text)}`,
    );
  }
  return port;
}

function parseWorkers(text: string): number {
  const workers = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(workers >= 1)) {
    throw new ServeOptionsError(
      `--workers must be a whole number from 1, not ${JSON.stringify(text)}`,
    );
  }
  return workers;
}

/**
 * V8's JSON errors quote the text around the mistake, and these texts can hold AccessKey
 * secrets: say where the mistake is, never what it says.
 */
function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ServeOptionsError(`${source} is not valid JSON`);
  }
}

function check<T>(schema: SafeParser<T>, value: unknown, source: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Only paths and rule messages: an issue never repeats the offending value.
  const problems = result.error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "(top)"}: ${issue.message}`)
    .join("; ");
  throw new ServeOptionsError(`${source}: ${problems}`);
}

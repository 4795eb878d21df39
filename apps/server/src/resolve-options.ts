import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  type AccessKeyConfig,
  accessKeyListSchema,
  type FaultSettings,
  faultSettingsInputSchema,
  type LocalServiceOptions,
  type ServiceSettingsInput,
  serviceSettingsInputSchema,
} from "@promptmill/service";

export const DEFAULT_PORT = 8080;
export const DEFAULT_DATA_FILE = "./.promptmill/local.sqlite";

/** The command-line flags, as commander hands them over. */
export interface ServerFlags {
  port?: string | undefined;
  host?: string | undefined;
  data?: string | undefined;
  config?: string | undefined;
  faults?: string | undefined;
}

/** A mistake in the flags, the environment or the config file: reported, then exit 1. */
export class ServerOptionsError extends Error {
  override readonly name = "ServerOptionsError";
}

interface SafeParser<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Flags win over environment variables, which win over the config file, which wins over
 * the defaults.
 */
export async function resolveServerOptions(
  flags: ServerFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<LocalServiceOptions> {
  let fileKeys: AccessKeyConfig[] | undefined;
  let fileSettings: ServiceSettingsInput = {};
  if (flags.config !== undefined) {
    const path = resolve(cwd, flags.config);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw new ServerOptionsError(`cannot read --config ${path}: ${(error as Error).message}`);
    }
    const config = parseJson(text, `--config ${path}`);
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
      throw new ServerOptionsError(
        `--config ${path} must hold a JSON object {accessKeys, settings}`,
      );
    }
    const { accessKeys, settings, ...unknown } = config as Record<string, unknown>;
    const extra = Object.keys(unknown);
    if (extra.length > 0) {
      throw new ServerOptionsError(`--config ${path}: unknown field(s) ${extra.join(", ")}`);
    }
    if (accessKeys !== undefined) {
      fileKeys = check(accessKeyListSchema, accessKeys, `--config ${path} accessKeys`);
    }
    if (settings !== undefined) {
      fileSettings = check(serviceSettingsInputSchema, settings, `--config ${path} settings`);
    }
  }

  const envKeys = env.PROMPTMILL_ACCESS_KEYS
    ? check(
        accessKeyListSchema,
        parseJson(env.PROMPTMILL_ACCESS_KEYS, "PROMPTMILL_ACCESS_KEYS"),
        "PROMPTMILL_ACCESS_KEYS",
      )
    : undefined;

  const faultsText = flags.faults ?? (env.PROMPTMILL_FAULTS || undefined);
  const faultsSource = flags.faults !== undefined ? "--faults" : "PROMPTMILL_FAULTS";
  const faults: Partial<FaultSettings> | undefined =
    faultsText === undefined
      ? undefined
      : check(faultSettingsInputSchema, parseJson(faultsText, faultsSource), faultsSource);

  const portText = flags.port ?? (env.PROMPTMILL_PORT || undefined);
  const port = portText === undefined ? DEFAULT_PORT : parsePort(portText);

  return {
    host: flags.host ?? "127.0.0.1",
    port,
    dataFile: resolve(cwd, flags.data ?? (env.PROMPTMILL_DATA || DEFAULT_DATA_FILE)),
    accessKeys: envKeys ?? fileKeys,
    settings: { ...fileSettings, faults: { ...fileSettings.faults, ...faults } },
  };
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new ServerOptionsError(
      `the port must be a number from 0 to 65535, not ${JSON.stringify(text)}`,
    );
  }
  return port;
}

/**
 * V8's JSON errors quote the text around the mistake, and these texts can hold AccessKey
 * secrets: say where the mistake is, never what it says.
 */
function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ServerOptionsError(`${source} is not valid JSON`);
  }
}

function check<T>(schema: SafeParser<T>, value: unknown, source: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Only paths and rule messages: an issue never repeats the offending value.
  const problems = result.error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "(top)"}: ${issue.message}`)
    .join("; ");
  throw new ServerOptionsError(`${source}: ${problems}`);
}

import { homedir } from "node:os";
import { join } from "node:path";
import { readAliyunCliProfile } from "./aliyun-cli-config.js";
import type { SourceResult } from "./credential-source.js";
import { Credentials, type CredentialsInput } from "./credentials.js";
import { CredentialsError } from "./credentials-error.js";
import { readCredentialsFileSection } from "./credentials-file.js";

export interface ResolveCredentialsOptions {
  /** Used as they are when given; the chain is not consulted. */
  credentials?: CredentialsInput | undefined;
  /**
   * The aliyun CLI profile (and credentials-file section) to use. Asking for a profile by
   * name also skips the environment keys, which would otherwise win over it.
   */
  profile?: string | undefined;
  /** Defaults to `process.env`; tests pass their own. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Defaults to the user's home directory; tests pass a temporary one. */
  homeDir?: string | undefined;
}

const ENV_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
const ENV_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
const ENV_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";
const ENV_PROFILE = "ALIBABA_CLOUD_PROFILE";
const ENV_CREDENTIALS_FILE = "ALIBABA_CLOUD_CREDENTIALS_FILE";

/**
 * Finds credentials the way Alibaba Cloud's own tools do: explicit ones, then the
 * environment, then the aliyun CLI's `~/.aliyun/config.json`, then `~/.alibabacloud/credentials`.
 * The first complete set wins; when none is found the error lists every place and why.
 */
export async function resolveCredentials(
  options: ResolveCredentialsOptions = {},
): Promise<Credentials> {
  if (options.credentials !== undefined) return checkedCredentials(options.credentials, "explicit");

  const env = options.env ?? process.env;
  const home = options.homeDir ?? homedir();
  const profile = options.profile || env[ENV_PROFILE] || undefined;
  const searched: string[] = [];

  const sources: Array<() => SourceResult | Promise<SourceResult>> = [
    () =>
      options.profile
        ? { missing: `environment: skipped, profile "${options.profile}" was asked for` }
        : fromEnvironment(env),
    () => readAliyunCliProfile(join(home, ".aliyun", "config.json"), profile),
    () =>
      readCredentialsFileSection(
        env[ENV_CREDENTIALS_FILE] || join(home, ".alibabacloud", "credentials"),
        profile ?? "default",
      ),
  ];
  for (const source of sources) {
    const result = await source();
    if ("credentials" in result) return result.credentials;
    searched.push(result.missing);
  }
  throw new CredentialsError("No Alibaba Cloud credentials found.", searched);
}

/** Credentials handed over by the caller (as values or from a provider), checked for completeness. */
export function checkedCredentials(
  input: CredentialsInput,
  source: "explicit" | "provider",
): Credentials {
  const origin =
    source === "explicit" ? "The credentials passed in" : "The credentials provider's result";
  if (typeof input?.accessKeyId !== "string" || input.accessKeyId === "") {
    throw new CredentialsError(`${origin} has no accessKeyId.`);
  }
  if (typeof input.accessKeySecret !== "string" || input.accessKeySecret === "") {
    throw new CredentialsError(`${origin} for ${input.accessKeyId} has no accessKeySecret.`);
  }
  return new Credentials({
    accessKeyId: input.accessKeyId,
    accessKeySecret: input.accessKeySecret,
    securityToken: input.securityToken,
    source,
  });
}

function fromEnvironment(env: Readonly<Record<string, string | undefined>>): SourceResult {
  const accessKeyId = env[ENV_ID];
  const accessKeySecret = env[ENV_SECRET];
  if (accessKeyId && accessKeySecret) {
    return {
      credentials: new Credentials({
        accessKeyId,
        accessKeySecret,
        securityToken: env[ENV_TOKEN] || undefined,
        source: "environment",
      }),
    };
  }
  if (!accessKeyId && !accessKeySecret) {
    return { missing: `environment: ${ENV_ID} and ${ENV_SECRET} are not set` };
  }
  return {
    missing: `environment: ${accessKeyId ? ENV_SECRET : ENV_ID} is empty while ${
      accessKeyId ? ENV_ID : ENV_SECRET
    } is set`,
  };
}

import { homedir } from "node:os";
import { join } from "node:path";
import { readAliyunCliProfile } from "./aliyun-cli-config.js";
import type { ChainContext, SourceResult } from "./credential-source.js";
import { Credentials, type CredentialsInput } from "./credentials.js";
import { CredentialsError } from "./credentials-error.js";
import { readCredentialsFileSection } from "./credentials-file.js";
import {
  type CredentialSupplier,
  fixedCredentials,
  type RefreshOptions,
} from "./refreshing-credentials.js";
import {
  DEFAULT_ROLE_DURATION_SECONDS,
  DEFAULT_ROLE_SESSION_NAME,
  oidcRoleCredentials,
} from "./role-credentials.js";
import { DEFAULT_STS_ENDPOINT } from "./sts.js";

export interface ResolveCredentialsOptions {
  /** Used as they are when given; the chain is not consulted. */
  credentials?: CredentialsInput | undefined;
  /**
   * The aliyun CLI profile (and credentials-file section) to use. Asking for a profile by
   * name also skips the environment, which would otherwise win over it.
   */
  profile?: string | undefined;
  /**
   * Where STS is, for roles (default: ALIBABA_CLOUD_STS_ENDPOINT, else the profile's
   * `sts_region`, else https://sts.aliyuncs.com).
   */
  stsEndpoint?: string | undefined;
  /** When temporary credentials are refreshed, and the clock (tests pass their own). */
  refresh?: RefreshOptions | undefined;
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
const ENV_STS_ENDPOINT = "ALIBABA_CLOUD_STS_ENDPOINT";
// RRSA (RAM Roles for Service Accounts) on Kubernetes sets these three in each pod.
const ENV_ROLE_ARN = "ALIBABA_CLOUD_ROLE_ARN";
const ENV_OIDC_PROVIDER_ARN = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
const ENV_OIDC_TOKEN_FILE = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
const ENV_ROLE_SESSION_NAME = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

/**
 * Finds credentials the way Alibaba Cloud's own tools do: explicit ones, then the
 * environment's AccessKey, then its OIDC role (RRSA), then the aliyun CLI's
 * `~/.aliyun/config.json`, then `~/.alibabacloud/credentials`. The first complete source wins;
 * when none is found the error lists every place and why. Roles (RamRoleArn, OIDC) are assumed
 * through STS; the ECS metadata service is never asked.
 *
 * The supplier hands out credentials for each request: a role's temporary credentials are
 * fetched on first use and refreshed before they expire.
 */
export async function resolveCredentialSupplier(
  options: ResolveCredentialsOptions = {},
): Promise<CredentialSupplier> {
  if (options.credentials !== undefined) {
    return fixedCredentials(checkedCredentials(options.credentials, "explicit"));
  }

  const env = options.env ?? process.env;
  const home = options.homeDir ?? homedir();
  const profile = options.profile || env[ENV_PROFILE] || undefined;
  const chain: ChainContext = {
    stsEndpoint: options.stsEndpoint || env[ENV_STS_ENDPOINT] || undefined,
    refresh: options.refresh,
  };
  const skipped = (what: string) => ({
    missing: `${what}: skipped, profile "${options.profile}" was asked for`,
  });
  const searched: string[] = [];

  const sources: Array<() => SourceResult | Promise<SourceResult>> = [
    () => (options.profile ? skipped("environment") : fromEnvironment(env)),
    () => (options.profile ? skipped("environment (OIDC)") : fromOidcEnvironment(env, chain)),
    () => readAliyunCliProfile(join(home, ".aliyun", "config.json"), profile, chain),
    () =>
      readCredentialsFileSection(
        env[ENV_CREDENTIALS_FILE] || join(home, ".alibabacloud", "credentials"),
        profile ?? "default",
        chain,
      ),
  ];
  for (const source of sources) {
    const result = await source();
    if ("supply" in result) return result.supply;
    searched.push(result.missing);
  }
  throw new CredentialsError("No Alibaba Cloud credentials found.", searched);
}

/** The credentials the chain finds now (for a role, its current temporary credentials). */
export async function resolveCredentials(
  options: ResolveCredentialsOptions = {},
): Promise<Credentials> {
  const supply = await resolveCredentialSupplier(options);
  return supply();
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
      supply: fixedCredentials(
        new Credentials({
          accessKeyId,
          accessKeySecret,
          securityToken: env[ENV_TOKEN] || undefined,
          source: "environment",
        }),
      ),
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

function fromOidcEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  chain: ChainContext,
): SourceResult {
  const names = [ENV_ROLE_ARN, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE];
  const unset = names.filter((name) => !env[name]);
  if (unset.length === names.length) {
    return { missing: `environment (OIDC): ${names.join(", ")} are not set` };
  }
  if (unset.length > 0) {
    return { missing: `environment (OIDC): ${unset.join(", ")} not set while the others are` };
  }
  return {
    supply: oidcRoleCredentials(
      {
        roleArn: env[ENV_ROLE_ARN] ?? "",
        oidcProviderArn: env[ENV_OIDC_PROVIDER_ARN] ?? "",
        oidcTokenFile: env[ENV_OIDC_TOKEN_FILE] ?? "",
        roleSessionName: env[ENV_ROLE_SESSION_NAME] || DEFAULT_ROLE_SESSION_NAME,
        durationSeconds: DEFAULT_ROLE_DURATION_SECONDS,
      },
      {
        source: "environment",
        stsEndpoint: chain.stsEndpoint ?? DEFAULT_STS_ENDPOINT,
        refresh: chain.refresh,
      },
    ),
  };
}

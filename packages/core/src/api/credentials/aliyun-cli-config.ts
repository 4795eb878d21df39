import { z } from "zod";
import { type ChainContext, readCredentialFile, type SourceResult } from "./credential-source.js";
import { Credentials } from "./credentials.js";
import { fixedCredentials } from "./refreshing-credentials.js";
import {
  DEFAULT_ROLE_DURATION_SECONDS,
  DEFAULT_ROLE_SESSION_NAME,
  durationSetting,
  oidcRoleCredentials,
  ramRoleCredentials,
} from "./role-credentials.js";
import { DEFAULT_STS_ENDPOINT, stsEndpointForRegion } from "./sts.js";

const profileSchema = z.object({
  name: z.string(),
  mode: z.string().optional(),
  access_key_id: z.string().optional(),
  access_key_secret: z.string().optional(),
  sts_token: z.string().optional(),
  ram_role_arn: z.string().optional(),
  ram_session_name: z.string().optional(),
  external_id: z.string().optional(),
  expired_seconds: z.union([z.number(), z.string()]).optional(),
  sts_region: z.string().optional(),
  oidc_provider_arn: z.string().optional(),
  oidc_token_file: z.string().optional(),
  region_id: z.string().optional(),
});

const configSchema = z.object({
  current: z.string().optional(),
  profiles: z.array(profileSchema).optional(),
});

type Profile = z.infer<typeof profileSchema>;

const SUPPORTED_MODES = ["AK", "StsToken", "RamRoleArn", "OIDC"];

/** A profile of the aliyun CLI's `config.json`, and the path it was read from (for messages). */
export interface AliyunCliProfile {
  readonly profile: Profile;
  readonly where: string;
}

/** Reads the profile the user asked for (or the file's current one, or `default`). */
export async function findAliyunCliProfile(
  path: string,
  requestedProfile: string | undefined,
): Promise<AliyunCliProfile | { missing: string }> {
  const file = await readCredentialFile(path);
  if ("missing" in file) return file;

  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch {
    return { missing: `${path}: not valid JSON` };
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) return { missing: `${path}: not in the aliyun CLI's config format` };

  const name = requestedProfile ?? (parsed.data.current || "default");
  const where = `${path} (profile "${name}")`;
  const profile = parsed.data.profiles?.find((candidate) => candidate.name === name);
  if (!profile) return { missing: `${where}: no such profile` };
  return { profile, where };
}

/**
 * Credentials from a profile of the aliyun CLI's `config.json`: AccessKeys (`AK`), a fixed STS
 * token (`StsToken`), or a role assumed through STS (`RamRoleArn` with the profile's AccessKey,
 * `OIDC` with a token file), refreshed before they expire. Modes that would ask the ECS
 * metadata service or run a program (`EcsRamRole`, `External`, …) are not supported.
 */
export async function readAliyunCliProfile(
  path: string,
  requestedProfile: string | undefined,
  chain: ChainContext = {},
): Promise<SourceResult> {
  const found = await findAliyunCliProfile(path, requestedProfile);
  if ("missing" in found) return found;
  const { profile, where } = found;

  const mode = profile.mode || "AK";
  if (!SUPPORTED_MODES.includes(mode)) {
    return {
      missing: `${where}: mode ${mode} is not supported (only ${SUPPORTED_MODES.join(", ")})`,
    };
  }
  const context = {
    source: "aliyun-cli-config" as const,
    profile: profile.name,
    stsEndpoint:
      chain.stsEndpoint ??
      (profile.sts_region ? stsEndpointForRegion(profile.sts_region) : DEFAULT_STS_ENDPOINT),
    refresh: chain.refresh,
  };
  const role = {
    roleArn: profile.ram_role_arn ?? "",
    roleSessionName: profile.ram_session_name || DEFAULT_ROLE_SESSION_NAME,
    durationSeconds: durationSetting(profile.expired_seconds) ?? DEFAULT_ROLE_DURATION_SECONDS,
  };

  if (mode === "OIDC") {
    const absent = missingFields(profile, ["ram_role_arn", "oidc_provider_arn", "oidc_token_file"]);
    if (absent) return { missing: `${where}: mode OIDC but ${absent} is empty` };
    return {
      supply: oidcRoleCredentials(
        {
          ...role,
          oidcProviderArn: profile.oidc_provider_arn ?? "",
          oidcTokenFile: profile.oidc_token_file ?? "",
        },
        context,
      ),
    };
  }

  if (!profile.access_key_id || !profile.access_key_secret) {
    return { missing: `${where}: access_key_id or access_key_secret is empty` };
  }
  if (mode === "RamRoleArn") {
    if (!profile.ram_role_arn)
      return { missing: `${where}: mode RamRoleArn but ram_role_arn is empty` };
    return {
      supply: ramRoleCredentials(
        {
          ...role,
          accessKeyId: profile.access_key_id,
          accessKeySecret: profile.access_key_secret,
          externalId: profile.external_id || undefined,
        },
        context,
      ),
    };
  }
  if (mode === "StsToken" && !profile.sts_token) {
    return { missing: `${where}: mode StsToken but sts_token is empty` };
  }
  return {
    supply: fixedCredentials(
      new Credentials({
        accessKeyId: profile.access_key_id,
        accessKeySecret: profile.access_key_secret,
        securityToken: mode === "StsToken" ? profile.sts_token : undefined,
        source: "aliyun-cli-config",
        profile: profile.name,
      }),
    ),
  };
}

function missingFields(profile: Profile, fields: (keyof Profile)[]): string | undefined {
  const absent = fields.filter((field) => !profile[field]);
  return absent.length === 0 ? undefined : absent.join(", ");
}

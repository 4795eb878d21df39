import { parse } from "ini";
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
import { DEFAULT_STS_ENDPOINT } from "./sts.js";

const SUPPORTED_TYPES = ["access_key", "ram_role_arn", "oidc_role_arn"];

/**
 * A section of the Alibaba Cloud credentials file (INI): `type = access_key`, or a role assumed
 * through STS (`ram_role_arn` with the section's AccessKey, `oidc_role_arn` with a token file),
 * with the key names Alibaba Cloud's credential libraries read. `ecs_ram_role` (the metadata
 * service) and the others are not supported.
 */
export async function readCredentialsFileSection(
  path: string,
  sectionName: string,
  chain: ChainContext = {},
): Promise<SourceResult> {
  const file = await readCredentialFile(path);
  if ("missing" in file) return file;

  const where = `${path} [${sectionName}]`;
  const section = findSection(parse(file.text), sectionName);
  if (!section) return { missing: `${where}: no such section` };

  const type = stringValue(section.type);
  if (type === undefined || !SUPPORTED_TYPES.includes(type)) {
    return {
      missing: `${where}: type ${type === undefined ? "is missing" : `${type} is not supported`} (only ${SUPPORTED_TYPES.join(", ")})`,
    };
  }
  const context = {
    source: "credentials-file" as const,
    profile: sectionName,
    stsEndpoint: chain.stsEndpoint ?? DEFAULT_STS_ENDPOINT,
    refresh: chain.refresh,
  };
  const role = {
    roleArn: stringValue(section.role_arn) ?? "",
    roleSessionName: stringValue(section.role_session_name) || DEFAULT_ROLE_SESSION_NAME,
    durationSeconds: durationSetting(section.duration_seconds) ?? DEFAULT_ROLE_DURATION_SECONDS,
  };

  if (type === "oidc_role_arn") {
    const oidcProviderArn = stringValue(section.oidc_provider_arn);
    const oidcTokenFile = stringValue(section.oidc_token_file_path);
    if (!role.roleArn || !oidcProviderArn || !oidcTokenFile) {
      return {
        missing: `${where}: type oidc_role_arn needs role_arn, oidc_provider_arn and oidc_token_file_path`,
      };
    }
    return { supply: oidcRoleCredentials({ ...role, oidcProviderArn, oidcTokenFile }, context) };
  }

  const accessKeyId = stringValue(section.access_key_id);
  const accessKeySecret = stringValue(section.access_key_secret);
  if (!accessKeyId || !accessKeySecret) {
    return { missing: `${where}: access_key_id or access_key_secret is empty` };
  }
  if (type === "ram_role_arn") {
    if (!role.roleArn) return { missing: `${where}: type ram_role_arn but role_arn is empty` };
    return {
      supply: ramRoleCredentials(
        { ...role, accessKeyId, accessKeySecret, externalId: stringValue(section.external_id) },
        context,
      ),
    };
  }
  return {
    supply: fixedCredentials(
      new Credentials({
        accessKeyId,
        accessKeySecret,
        source: "credentials-file",
        profile: sectionName,
      }),
    ),
  };
}

/** `ini` nests a section named `a.b` as `{a: {b}}`: look it up whole first, then by its parts. */
function findSection(
  document: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const whole = Object.hasOwn(document, name) ? document[name] : undefined;
  if (isRecord(whole)) return whole;
  let node: unknown = document;
  for (const part of name.split(".")) {
    if (!isRecord(node) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return isRecord(node) ? node : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `ini` turns `true`/`false` into booleans; a key is text whatever it looks like. */
function stringValue(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

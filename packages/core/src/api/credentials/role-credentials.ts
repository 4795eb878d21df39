import { readFile } from "node:fs/promises";
import type { CredentialSource } from "./credentials.js";
import { CredentialsError } from "./credentials-error.js";
import {
  type CredentialSupplier,
  type RefreshOptions,
  refreshingCredentials,
} from "./refreshing-credentials.js";
import { assumeRole, assumeRoleWithOidc } from "./sts.js";

/** Where a role's settings were read, and how to reach STS. */
export interface RoleContext {
  readonly source: CredentialSource;
  readonly profile?: string | undefined;
  readonly stsEndpoint: string;
  readonly refresh?: RefreshOptions | undefined;
}

interface RoleSettings {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds: number;
}

/** A RAM user's AccessKey assuming a role (aliyun CLI mode RamRoleArn, file type ram_role_arn). */
export interface RamRoleSettings extends RoleSettings {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly externalId?: string | undefined;
}

/** A pod's OIDC token assuming a role (RRSA; aliyun CLI mode OIDC, file type oidc_role_arn). */
export interface OidcRoleSettings extends RoleSettings {
  readonly oidcProviderArn: string;
  /** Read at every refresh: Kubernetes rotates the projected token in place. */
  readonly oidcTokenFile: string;
}

/** What STS and the aliyun CLI use when a session name or duration is not configured. */
export const DEFAULT_ROLE_SESSION_NAME = "promptmill";
export const DEFAULT_ROLE_DURATION_SECONDS = 3600;

export function ramRoleCredentials(
  settings: RamRoleSettings,
  context: RoleContext,
): CredentialSupplier {
  return refreshingCredentials(
    () =>
      assumeRole({
        endpoint: context.stsEndpoint,
        roleArn: settings.roleArn,
        roleSessionName: settings.roleSessionName,
        durationSeconds: settings.durationSeconds,
        externalId: settings.externalId,
        credentials: {
          accessKeyId: settings.accessKeyId,
          accessKeySecret: settings.accessKeySecret,
        },
      }),
    roleDescription(settings, "AssumeRole", context),
    context.refresh,
  );
}

export function oidcRoleCredentials(
  settings: OidcRoleSettings,
  context: RoleContext,
): CredentialSupplier {
  return refreshingCredentials(
    async () =>
      assumeRoleWithOidc({
        endpoint: context.stsEndpoint,
        roleArn: settings.roleArn,
        roleSessionName: settings.roleSessionName,
        durationSeconds: settings.durationSeconds,
        oidcProviderArn: settings.oidcProviderArn,
        oidcToken: await readOidcToken(settings.oidcTokenFile),
      }),
    roleDescription(settings, "AssumeRoleWithOIDC", context),
    context.refresh,
  );
}

function roleDescription(
  settings: RoleSettings,
  via: "AssumeRole" | "AssumeRoleWithOIDC",
  context: RoleContext,
) {
  return { source: context.source, profile: context.profile, role: { arn: settings.roleArn, via } };
}

/** The token file's content; a read error names the file and its code, never its content. */
async function readOidcToken(path: string): Promise<string> {
  let token: string;
  try {
    token = (await readFile(path, "utf8")).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new CredentialsError(`The OIDC token file ${path} cannot be read (${code}).`);
  }
  if (token === "") throw new CredentialsError(`The OIDC token file ${path} is empty.`);
  return token;
}

/** A duration setting (`expired_seconds`, `DurationSeconds`) as a whole number of seconds. */
export function durationSetting(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

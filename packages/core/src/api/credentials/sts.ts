import { createSignedHeaders, type SigningCredentials } from "../signing/sign-headers.js";
import { createNonce, formatAcsDate } from "../signing/sign-request.js";
import { CredentialsError } from "./credentials-error.js";

/** Alibaba Cloud STS: its API version, and the global endpoint used when no region is named. */
export const STS_API_VERSION = "2015-04-01";
export const DEFAULT_STS_ENDPOINT = "https://sts.aliyuncs.com";

/** The regional STS endpoint, for a profile's `sts_region`. */
export function stsEndpointForRegion(region: string): string {
  return `https://sts.${region}.aliyuncs.com`;
}

/** Temporary credentials from STS, with the moment they stop working. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  readonly expiration: Date;
}

interface RoleSession {
  /** The STS endpoint, e.g. https://sts.aliyuncs.com or a local stand-in's http://127.0.0.1:PORT. */
  readonly endpoint: string;
  readonly roleArn: string;
  readonly roleSessionName: string;
  /** 900 to the role's maximum (3,600 by default). */
  readonly durationSeconds: number;
  readonly signal?: AbortSignal | undefined;
}

export interface AssumeRoleInput extends RoleSession {
  /** The RAM user's AccessKey, which signs the call. */
  readonly credentials: SigningCredentials;
  readonly externalId?: string | undefined;
}

export interface AssumeRoleWithOidcInput extends RoleSession {
  readonly oidcProviderArn: string;
  /** The OIDC token itself (a JWT): a secret like any other, never put into a message. */
  readonly oidcToken: string;
}

/** AssumeRole: a RAM user's AccessKey becomes a role's temporary credentials. */
export function assumeRole(input: AssumeRoleInput): Promise<TemporaryCredentials> {
  const query: Record<string, string> = {
    RoleArn: input.roleArn,
    RoleSessionName: input.roleSessionName,
    DurationSeconds: String(input.durationSeconds),
  };
  if (input.externalId) query.ExternalId = input.externalId;
  return callSts("AssumeRole", input, query, input.credentials);
}

/**
 * AssumeRoleWithOIDC (RRSA on Kubernetes): the pod's OIDC token becomes a role's temporary
 * credentials. The call is anonymous: the token is the proof. It travels in the form body,
 * not the URL, so that no proxy or access log keeps it.
 */
export function assumeRoleWithOidc(input: AssumeRoleWithOidcInput): Promise<TemporaryCredentials> {
  return callSts(
    "AssumeRoleWithOIDC",
    input,
    {
      RoleArn: input.roleArn,
      OIDCProviderArn: input.oidcProviderArn,
      RoleSessionName: input.roleSessionName,
      DurationSeconds: String(input.durationSeconds),
    },
    undefined,
    { OIDCToken: input.oidcToken },
  );
}

async function callSts(
  action: string,
  session: RoleSession,
  query: Record<string, string>,
  signer: SigningCredentials | undefined,
  form?: Record<string, string>,
): Promise<TemporaryCredentials> {
  const url = new URL("/", session.endpoint);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const body = form === undefined ? undefined : new URLSearchParams(form).toString();
  const headers: Record<string, string> =
    signer === undefined
      ? {
          "x-acs-action": action,
          "x-acs-version": STS_API_VERSION,
          "x-acs-date": formatAcsDate(new Date()),
          "x-acs-signature-nonce": createNonce(),
          accept: "application/json",
        }
      : createSignedHeaders({
          method: "POST",
          url,
          action,
          version: STS_API_VERSION,
          credentials: signer,
        });
  if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
  // The Host header is the runtime's to set; the signed one is the same value.
  delete headers.host;

  const where = `STS ${action} at ${url.origin} for ${session.roleArn}`;
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers, body, signal: session.signal });
  } catch (error) {
    throw new CredentialsError(`${where}: the request failed (${describe(error)}).`, [], {
      cause: error,
    });
  }
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  if (!response.ok || json === undefined) {
    // STS's own code and message name the problem (NoPermission, InvalidParameter.RoleArn …)
    // and never echo a secret; the body is not quoted otherwise.
    const code = typeof json?.Code === "string" ? json.Code : `HTTP ${response.status}`;
    const message = typeof json?.Message === "string" ? `: ${json.Message}` : "";
    const requestId = typeof json?.RequestId === "string" ? ` (request ${json.RequestId})` : "";
    throw new CredentialsError(`${where} was refused: ${code}${message}${requestId}`);
  }
  const credentials = json.Credentials as Record<string, unknown> | undefined;
  const expiration = new Date(String(credentials?.Expiration));
  if (
    typeof credentials?.AccessKeyId !== "string" ||
    typeof credentials.AccessKeySecret !== "string" ||
    typeof credentials.SecurityToken !== "string" ||
    Number.isNaN(expiration.getTime())
  ) {
    throw new CredentialsError(`${where}: the answer holds no complete Credentials.`);
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    accessKeySecret: credentials.AccessKeySecret,
    securityToken: credentials.SecurityToken,
    expiration,
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (error instanceof Error ? error.name : "unknown error");
}

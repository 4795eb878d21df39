import { type CredentialsInput, resolveCredentials } from "@promptmill/core";
import { UsageError } from "./usage-error.js";

export interface ConnectionFlags {
  readonly endpoint?: string | undefined;
  readonly workspace?: string | undefined;
  readonly profile?: string | undefined;
  readonly accessKeyId?: string | undefined;
}

export interface Connection {
  readonly endpoint: string | undefined;
  readonly workspaceId: string;
  /** Undefined: the library resolves the credential chain (with `profile`). */
  readonly credentials: CredentialsInput | undefined;
  readonly profile: string | undefined;
}

/**
 * Where to send and as whom. Flags win over the environment. The AccessKey secret is never a
 * flag (it would sit in the shell history and the process list): with --access-key-id it
 * comes from ALIBABA_CLOUD_ACCESS_KEY_SECRET or from a profile holding that key.
 */
export async function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Connection> {
  const workspaceId = flags.workspace ?? env.PROMPTMILL_WORKSPACE;
  if (workspaceId === undefined || workspaceId.trim() === "") {
    throw new UsageError("No workspace: pass --workspace or set PROMPTMILL_WORKSPACE.");
  }
  const endpoint = flags.endpoint ?? env.PROMPTMILL_ENDPOINT;
  const base = { endpoint: endpoint || undefined, workspaceId, profile: flags.profile };
  if (flags.accessKeyId === undefined) return { ...base, credentials: undefined };

  const securityToken = env.ALIBABA_CLOUD_SECURITY_TOKEN || undefined;
  const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  if (secret) {
    return {
      ...base,
      credentials: { accessKeyId: flags.accessKeyId, accessKeySecret: secret, securityToken },
    };
  }
  const fromChain = await resolveCredentials({ profile: flags.profile, env }).catch(
    () => undefined,
  );
  if (fromChain?.accessKeyId === flags.accessKeyId) return { ...base, credentials: fromChain };
  throw new UsageError(
    `No secret for AccessKey ${flags.accessKeyId}: set ALIBABA_CLOUD_ACCESS_KEY_SECRET, ` +
      "or use --profile with a profile that holds this key.",
  );
}

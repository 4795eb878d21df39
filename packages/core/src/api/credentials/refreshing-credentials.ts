import { Credentials, type CredentialsInit } from "./credentials.js";
import { CredentialsError } from "./credentials-error.js";
import type { TemporaryCredentials } from "./sts.js";

/** Hands out credentials for each request: the same ones, or fresh ones before they expire. */
export type CredentialSupplier = () => Promise<Credentials>;

export interface RefreshOptions {
  /** Fetch new credentials once the current ones expire within this long (default 3 minutes). */
  refreshBeforeMs?: number;
  /** The clock; tests pass their own. */
  now?: () => number;
}

const DEFAULT_REFRESH_BEFORE_MS = 3 * 60_000;

/** A supplier of credentials that never change (AccessKeys, a fixed STS token). */
export function fixedCredentials(credentials: Credentials): CredentialSupplier {
  return () => Promise.resolve(credentials);
}

/**
 * A supplier of temporary credentials (an assumed role): it fetches them on first use and again
 * before they expire, one fetch at a time however many requests ask at once. A refresh that
 * fails while the current credentials are still valid is retried on a later request; once they
 * have expired, the failure is the request's error.
 */
export function refreshingCredentials(
  fetchCredentials: () => Promise<TemporaryCredentials>,
  describe: Omit<CredentialsInit, "accessKeyId" | "accessKeySecret" | "securityToken">,
  options: RefreshOptions = {},
): CredentialSupplier {
  const refreshBeforeMs = options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
  const now = options.now ?? Date.now;
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;

  const refresh = (): Promise<Credentials> => {
    pending ??= fetchCredentials()
      .then((temporary) => {
        current = new Credentials({ ...describe, ...temporary });
        return current;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return async () => {
    const expiresAt = current?.expiration?.getTime() ?? 0;
    if (current !== undefined && now() < expiresAt - refreshBeforeMs) return current;
    if (current !== undefined && now() < expiresAt) {
      const stillValid = current;
      return refresh().catch(() => stillValid);
    }
    try {
      return await refresh();
    } catch (error) {
      if (error instanceof CredentialsError) throw error;
      throw new CredentialsError("Fetching temporary credentials failed.", [], { cause: error });
    }
  };
}

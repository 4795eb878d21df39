import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The secrets of one console run, all random per start:
 * - `token`: printed once in the console's URL; whoever has it may open the console (as
 *   Jupyter does). Never written into a page or a response.
 * - `session`: the value of the HttpOnly cookie a browser gets in exchange for the token, so
 *   the token leaves the address bar and is not sent again.
 * - `csrf`: the anti-forgery value every page carries for its forms and htmx requests. It is
 *   derived from the session, not equal to it, so a page that leaks it leaks no credential:
 *   without the cookie it opens nothing.
 */
export interface AccessSecrets {
  readonly token: string;
  readonly session: string;
  readonly csrf: string;
}

export function createAccessSecrets(): AccessSecrets {
  const session = randomBytes(32).toString("base64url");
  return {
    token: randomBytes(32).toString("base64url"),
    session,
    csrf: createHmac("sha256", session).update("promptmill-console csrf").digest("base64url"),
  };
}

/**
 * Compares a value a request carries with a secret in constant time: both are hashed first,
 * so neither their contents nor their lengths show in how long the comparison takes.
 */
export function matchesSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

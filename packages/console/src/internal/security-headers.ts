import type { MiddlewareHandler } from "hono";

/**
 * Everything the console serves comes from itself: scripts and styles only from its own
 * files (no inline script, no eval: template names and content are attacker-controlled, and
 * escaping is backed by a policy that would refuse an injected script anyway), no framing, no
 * Referer to other sites (the first URL carries the token), and pages not cached (they show
 * the workspace). `same-origin` rather than `no-referrer`: under `no-referrer` browsers send
 * `Origin: null` with every form post, and the CSRF check needs the real Origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("content-security-policy", CONTENT_SECURITY_POLICY);
  headers.set("x-content-type-options", "nosniff");
  headers.set("x-frame-options", "DENY");
  headers.set("referrer-policy", "same-origin");
  headers.set("cross-origin-opener-policy", "same-origin");
  headers.set("cross-origin-resource-policy", "same-origin");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
};

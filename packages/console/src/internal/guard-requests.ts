import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { type AccessSecrets, matchesSecret } from "./access-secrets.js";

/** The header htmx requests carry the CSRF value in (set once on <body> with hx-headers). */
export const CSRF_HEADER = "x-csrf-token";
/** The hidden field plain form posts carry it in. */
export const CSRF_FIELD = "_csrf";

const SAFE_METHODS = new Set(["GET", "HEAD"]);

export interface GuardOptions {
  readonly secrets: AccessSecrets;
  /** The port the console listens on, known once it listens. */
  readonly port: () => number;
  readonly unauthorized: (c: Context) => Response | Promise<Response>;
  readonly forbidden: (c: Context, why: string) => Response | Promise<Response>;
}

/**
 * Cookies are not isolated by port: two consoles on 127.0.0.1 would overwrite each other's
 * cookie if it had one name.
 */
export function sessionCookieName(port: number): string {
  return `promptmill-console-${port}`;
}

/**
 * The names a browser may reach the console by. Anything else in Host is a DNS-rebinding
 * page (evil.example resolving to 127.0.0.1) or a proxy we did not expect: refused before
 * anything else, even with a valid cookie.
 */
function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * Every request passes, in order:
 * 1. Host is 127.0.0.1:PORT or localhost:PORT, else 421;
 * 2. it carries the session cookie, or (GET only) `?token=` with the printed token, which
 *    sets the cookie; else 401;
 * 3. a state-changing request comes from the console's own pages: its Origin is the
 *    console's origin, `Sec-Fetch-Site` (when sent) is same-origin, and it carries the CSRF
 *    value in a header or form field; else 403. SameSite=Strict alone is not enough: every
 *    port of 127.0.0.1 is the same site, so another local web app could post here.
 */
export function guardRequests(options: GuardOptions): MiddlewareHandler {
  const { secrets } = options;
  return async (c, next) => {
    const port = options.port();
    const host = c.req.header("host") ?? "";
    if (!allowedHosts(port).has(host.toLowerCase())) {
      return c.text("This console answers only at 127.0.0.1 or localhost.\n", 421);
    }

    const cookieName = sessionCookieName(port);
    const method = c.req.method;
    const token = SAFE_METHODS.has(method) ? c.req.query("token") : undefined;
    if (token !== undefined) {
      if (!matchesSecret(token, secrets.token)) return options.unauthorized(c);
      setCookie(c, cookieName, secrets.session, {
        path: "/",
        httpOnly: true,
        sameSite: "Strict",
      });
    } else if (!matchesSecret(getCookie(c, cookieName), secrets.session)) {
      return options.unauthorized(c);
    }

    if (!SAFE_METHODS.has(method)) {
      const origin = c.req.header("origin");
      if (origin !== `http://${host}`) {
        return options.forbidden(c, "the request did not come from this console's pages");
      }
      const fetchSite = c.req.header("sec-fetch-site");
      if (fetchSite !== undefined && fetchSite !== "same-origin") {
        return options.forbidden(c, "the request did not come from this console's pages");
      }
      if (!matchesSecret(await csrfValue(c), secrets.csrf)) {
        return options.forbidden(c, "the form is missing its anti-forgery value; reload the page");
      }
    }
    await next();
  };
}

async function csrfValue(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header !== undefined) return header;
  const type = c.req.header("content-type") ?? "";
  if (
    !type.startsWith("application/x-www-form-urlencoded") &&
    !type.startsWith("multipart/form-data")
  ) {
    return undefined;
  }
  // Hono keeps the parsed body, so the route reads it again without a second parse.
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === "string" ? value : undefined;
}

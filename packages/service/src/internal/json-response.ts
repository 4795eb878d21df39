import { REQUEST_ID_HEADER } from "./error-response.js";

/**
 * A 200 JSON response carrying its request id, its headers a plain object. Setting a header
 * with Hono's `c.header()`, or passing `c.json()` more than one, makes Hono build a web
 * `Headers` object, which @hono/node-server then iterates (sorted) back into a plain one:
 * about 3 µs of CPU a response, measured, a fifth of what a bare Hono route costs in all.
 */
export function jsonResponse(body: unknown, requestId: string): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json", [REQUEST_ID_HEADER]: requestId },
  });
}

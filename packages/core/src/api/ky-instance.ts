import ky, { type KyInstance } from "ky";

/**
 * The ky instance a client sends through: `fetch` is the client's transport
 * (createNodeTransport). Retries and timeouts are handled per attempt by the client (see
 * retry-policy.ts), so ky's are off, and an HTTP error is read by the client, not thrown by
 * ky. Nothing else is set: every header and option ky merges or copies per call costs each
 * request CPU (the importer's bench/ky-overhead.ts measures what ky costs per call with this
 * configuration).
 */
export function createKyInstance(
  fetch: (input: unknown, init?: unknown) => Promise<Response>,
): KyInstance {
  return ky.create({ retry: 0, timeout: false, throwHttpErrors: false, fetch });
}

import { Agent, request } from "node:http";
import type autocannon from "autocannon";

export interface TimedResponse {
  status: number;
  body: string;
  /** From writing the request to the last byte of the response. */
  milliseconds: number;
}

/**
 * Requests one at a time over one kept-alive connection, each timed on its own: latency
 * without queueing, the way the figures were taken. The request is built (and
 * signed) before its clock starts.
 */
export class KeepAliveClient {
  readonly #port: number;
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(port: number) {
    this.#port = port;
  }

  send(built: autocannon.Request): Promise<TimedResponse> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const outgoing = request(
        {
          agent: this.#agent,
          host: "127.0.0.1",
          port: this.#port,
          method: built.method,
          path: built.path,
          headers: built.headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              milliseconds: performance.now() - started,
            }),
          );
          response.on("error", reject);
        },
      );
      outgoing.on("error", reject);
      outgoing.end();
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** The value at quantile `q` (0..1) of `values`, by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

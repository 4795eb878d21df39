import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the server received it. */
export interface ReceivedRequest {
  method: string;
  /** The request target exactly as sent: percent-encoded path and query. */
  rawUrl: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  /** The raw query string without `?`. */
  rawQuery: string;
  /** The query decoded the way a server reads it (form decoding). */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export type TestHandler = (
  request: ReceivedRequest,
  response: ServerResponse,
  incoming: IncomingMessage,
) => void | Promise<void>;

export interface HttpTestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  /** Sets how the next requests are answered (a 404 until set). */
  handle(handler: TestHandler): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and a free port, one per test (ky's
 * `test/helpers/create-http-test-server.ts` pattern): tests see exactly what went on the wire.
 */
export async function createHttpTestServer(): Promise<HttpTestServer> {
  const requests: ReceivedRequest[] = [];
  let handler: TestHandler = (_request, response) => sendJson(response, 404, { code: "NoHandler" });

  const server = createServer((incoming, response) => {
    const rawUrl = incoming.url ?? "/";
    const queryStart = rawUrl.indexOf("?");
    const parsed = new URL(rawUrl, "http://test.invalid");
    const received: ReceivedRequest = {
      method: incoming.method ?? "GET",
      rawUrl,
      path: queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart),
      rawQuery: queryStart === -1 ? "" : rawUrl.slice(queryStart + 1),
      query: Object.fromEntries(parsed.searchParams),
      headers: incoming.headers,
    };
    requests.push(received);
    incoming.resume();
    Promise.resolve(handler(received, response, incoming)).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 599, { code: "TestHandlerFailed" });
      console.error(error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    handle(next) {
      handler = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/** A port nothing listens on: bound once, then released. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

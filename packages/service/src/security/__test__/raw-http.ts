import { connect, type Socket } from "node:net";

/** A response read off a raw socket. */
export interface RawResponse {
  status: number;
  /** Lowercased names; a repeated header's values joined by ", ". */
  headers: Record<string, string>;
  body: string;
  /** The body as JSON (every API answer is JSON). */
  json(): Record<string, unknown>;
}

/**
 * Sends bytes exactly as given to 127.0.0.1:port and reads one HTTP/1.1 response: no client
 * library in between to fix up what an attacker sends on purpose. A string is sent as Latin-1,
 * one byte a character, so "\u00a0" is the byte A0, as a header value holds it.
 */
export function sendRaw(port: number, request: string | Buffer): Promise<RawResponse> {
  const socket = connect(port, "127.0.0.1");
  socket.write(typeof request === "string" ? Buffer.from(request, "latin1") : request);
  return readResponse(socket).finally(() => socket.destroy());
}

/** Reads one response from a socket the caller writes to; the socket stays open. */
export function readResponse(socket: Socket): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseResponse(received, false);
      if (parsed) finish(parsed);
    };
    // An error (EPIPE from writing on, a reset) ends the reading like a close: what arrived
    // before it still counts.
    const onEnd = (error?: Error) => {
      const parsed = parseResponse(received, true);
      if (parsed) finish(parsed);
      else fail(error ?? new Error(`closed before a whole response: ${received.toString()}`));
    };
    const stop = () => {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("error", onEnd);
    };
    const finish = (response: RawResponse) => {
      stop();
      resolve(response);
    };
    const fail = (error: Error) => {
      stop();
      reject(error);
    };
    socket.on("data", onData);
    socket.once("end", onEnd);
    socket.once("error", onEnd);
  });
}

function parseResponse(bytes: Buffer, ended: boolean): RawResponse | undefined {
  const headEnd = bytes.indexOf("\r\n\r\n");
  if (headEnd === -1) return undefined;
  const [statusLine = "", ...lines] = bytes.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let rest = bytes.subarray(headEnd + 4);
  let body: Buffer;
  if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    if (rest.length < length) return undefined;
    body = rest.subarray(0, length);
  } else if (headers["transfer-encoding"]?.includes("chunked")) {
    const chunks: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf("\r\n");
      if (lineEnd === -1) return undefined;
      const size = Number.parseInt(rest.subarray(0, lineEnd).toString(), 16);
      if (size === 0) break;
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    body = Buffer.concat(chunks);
  } else {
    if (!ended) return undefined;
    body = rest;
  }
  const text = body.toString("utf8");
  return { status, headers, body: text, json: () => JSON.parse(text) as Record<string, unknown> };
}

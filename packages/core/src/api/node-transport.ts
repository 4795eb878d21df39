import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/**
 * One request as the client prepared it: the URL it signed, and every header to send. The
 * client hands it to ky under this option name, which ky passes on to its `fetch` untouched
 * (ky forwards options it does not know).
 */
export const SIGNED_CALL = "promptmillSignedCall";

const IDLE_SOCKET_MS = 4_000;

export interface SignedCall {
  readonly method: string;
  /** Exactly the URL that was signed: sent as it stands. */
  readonly url: URL;
  /** Names in lower case, as the signer writes them. */
  readonly headers: Readonly<Record<string, string>>;
  /** The caller's: aborting ends the request with the signal's reason. */
  readonly signal: AbortSignal | undefined;
  /** Ends the request if the whole response has not arrived by then; above 2^31-1, never. */
  readonly timeoutMs: number;
  /** Set by the transport when it ended the request because `timeoutMs` passed. */
  timedOut: boolean;
}

/** Node fires a timer longer than this at once (with a warning): treat it as no timeout. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * What the client reads of a response (`readResponse`): the status, one header at a time and
 * the body as text. ky hands it back as it got it; with the client's ky settings (no response
 * hooks, no `throwHttpErrors`, no download progress) ky reads nothing else of it.
 */
export class TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body = null;
  readonly #text: string;

  constructor(message: IncomingMessage, text: string) {
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? "";
    this.ok = this.status >= 200 && this.status < 300;
    const raw = message.headers;
    this.headers = {
      get(name) {
        const value = raw[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(", ") : value;
      },
    };
    this.#text = text;
  }

  async text(): Promise<string> {
    return this.#text;
  }
}

/**
 * The `fetch` ky calls: the request on node:http(s) with keep-alive connections, the response
 * read whole into a string. Why not the global fetch: its machinery (web streams for every
 * body, a Request and Headers with WebIDL checks, an AbortSignal followed through a
 * finalization registry) cost more CPU per Create than everything else the client does,
 * signing included (bench/profile-client.ts in the importer measures it). ky still builds its
 * Request; this sends what the client signed, under the caller's signal and the attempt's
 * timeout.
 *
 * Failures are the transport's own (`ECONNREFUSED`, `ECONNRESET`, …, the signal's reason, or
 * a TimeoutError DOMException with `timedOut` set on the call), mapped to PromptmillErrors by the client in one place (transport-error.ts).
 */
export function createNodeTransport(): (input: unknown, init?: unknown) => Promise<Response> {
  // One agent per client: its sockets are kept alive between requests, as undici's are. An
  // idle socket is closed after 4 s (undici's default), or sooner when the server announces
  // a shorter keep-alive (node only honours that hint when a timeout is set): reusing a socket
  // the server is closing fails with ECONNRESET, which for a Create means settling by listing.
  const agentOptions = { keepAlive: true, scheduling: "lifo" as const, timeout: IDLE_SOCKET_MS };
  const agents = {
    "http:": new HttpAgent(agentOptions),
    "https:": new HttpsAgent(agentOptions),
  };
  return (_request, init) => {
    const call = (init as Record<string, unknown> | undefined)?.[SIGNED_CALL] as
      | SignedCall
      | undefined;
    if (call === undefined) {
      return Promise.reject(new TypeError("the client's transport got a request it did not sign"));
    }
    // The client reads the few fields ky's Response would have: see TransportResponse.
    return send(
      call,
      call.url.protocol === "https:" ? agents["https:"] : agents["http:"],
    ) as unknown as Promise<Response>;
  };
}

/*
 * The timeout and the caller's abort end the request here, with one timer and (only when the
 * caller passed a signal) one listener, rather than through an AbortController per attempt
 * that both feed: each AbortSignal costs node an EventTarget and the listeners that follow it.
 */
function send(call: SignedCall, agent: HttpAgent): Promise<TransportResponse> {
  const { signal, url } = call;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    // Given as a flat list, the headers go into the request's head as they are (node still
    // checks each name and value); given as an object, node would first copy each into its
    // own header map with setHeader, to be read back out when the request ends.
    const headers: string[] = [];
    for (const name in call.headers) headers.push(name, call.headers[name] as string);
    // The signed headers include host; node adds it only to headers given as an object.
    if (call.headers.host === undefined) headers.push("host", url.host);
    // No operation has a body; a length of 0 keeps node from sending it chunked.
    headers.push("content-length", "0");
    const requestFunction = url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = requestFunction(
      {
        agent,
        protocol: url.protocol,
        hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: call.method,
        headers,
      },
      (message) => {
        const chunks: Buffer[] = [];
        message.on("data", (chunk: Buffer) => chunks.push(chunk));
        message.on("end", () => {
          settle();
          resolve(new TransportResponse(message, Buffer.concat(chunks).toString("utf8")));
        });
        message.on("error", fail);
      },
    );
    // The timer runs until the whole body has arrived, not only the headers.
    const timer =
      call.timeoutMs > MAX_TIMER_MS
        ? undefined
        : setTimeout(() => {
            call.timedOut = true;
            outgoing.destroy(new DOMException("The attempt timed out.", "TimeoutError"));
          }, call.timeoutMs);
    function settle() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    function fail(error: Error) {
      settle();
      reject(error);
    }
    function onAbort() {
      outgoing.destroy(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    }
    outgoing.on("error", fail);
    signal?.addEventListener("abort", onAbort, { once: true });
    outgoing.end();
  });
}

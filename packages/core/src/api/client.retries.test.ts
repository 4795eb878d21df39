import type { ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createHttpTestServer,
  type HttpTestServer,
  sendJson,
  unusedPort,
} from "./__test__/http-test-server.js";
import { verifySignature } from "./__test__/verify-signature.js";
import { ModelStudioClient, type ModelStudioClientOptions } from "./client.js";
import {
  AbortError,
  ConnectionError,
  ServerError,
  ThrottlingError,
  TimeoutError,
} from "./errors.js";
import type { RetryEvent } from "./retry-policy.js";

const KEY = { accessKeyId: "LTAI5tRetryTest", accessKeySecret: "retry-test-secret" };
const REQUEST_ID = "6F4A1C2B-0000-4000-8000-000000000002";
const TEMPLATE = {
  content: "c",
  name: "n",
  promptTemplateId: "t1",
  requestId: REQUEST_ID,
  variables: [],
  workspaceId: "ws",
};
const GET = { workspaceId: "ws", promptTemplateId: "t1" };
const CREATE = { workspaceId: "ws", name: "n", content: "c" };

let server: HttpTestServer;
let events: RetryEvent[];

beforeEach(async () => {
  server = await createHttpTestServer();
  events = [];
});

afterEach(async () => {
  await server.close();
});

/** Backoff capped at 1 ms keeps the tests quick; the rules are what they check. */
function clientFor(options: ModelStudioClientOptions = {}): ModelStudioClient {
  const { retry, ...rest } = options;
  return new ModelStudioClient({
    endpoint: server.url,
    credentials: KEY,
    onRetry: (event) => events.push(event),
    ...rest,
    retry: retry === false ? false : { backoffLimitMs: 1, ...retry },
  });
}

type Answer = (response: ServerResponse) => void;

/** Answers the n-th request (0-based) with `answers[n]`, the last one from then on. */
function answerInTurn(answers: Answer[]): void {
  let index = 0;
  server.handle((_request, response) => {
    const answer = answers[Math.min(index, answers.length - 1)];
    index += 1;
    answer?.(response);
  });
}

const ok = (response: ServerResponse) => sendJson(response, 200, TEMPLATE);
const created = (response: ServerResponse) =>
  sendJson(response, 200, { promptTemplateId: "new", requestId: REQUEST_ID });
const internalError = (response: ServerResponse) =>
  sendJson(response, 500, { code: "PromptTemplate.InternalError", message: "boom" });
const throttled = (status: number, retryAfterMs?: string) => (response: ServerResponse) =>
  sendJson(
    response,
    status,
    { Code: "Throttling.User", Message: "Request was denied due to user flow control." },
    retryAfterMs === undefined ? {} : { "x-acs-retry-after": retryAfterMs },
  );
const cutConnection = (response: ServerResponse) => response.socket?.destroy();

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected the call to fail"),
    (error: unknown) => error,
  );
}

describe("idempotent operations retry", () => {
  it("Get: on 500, with a fresh signature each attempt", async () => {
    answerInTurn([internalError, internalError, ok]);
    await expect(clientFor().getPromptTemplate(GET)).resolves.toEqual(TEMPLATE);
    expect(server.requests).toHaveLength(3);
    expect(events.map((event) => [event.operation, event.attempt])).toEqual([
      ["GetPromptTemplate", 1],
      ["GetPromptTemplate", 2],
    ]);
    expect(events[0]?.error).toBeInstanceOf(ServerError);
    expect(events.every((event) => event.delayMs >= 0 && event.delayMs <= 1)).toBe(true);
    const nonces = new Set(server.requests.map((r) => r.headers["x-acs-signature-nonce"]));
    expect(nonces.size).toBe(3);
    for (const received of server.requests) {
      expect(verifySignature(received, KEY.accessKeySecret)).toBe(true);
    }
  });

  it("Get: on throttling sent as 400, waiting the x-acs-retry-after milliseconds", async () => {
    answerInTurn([throttled(400, "25"), ok]);
    await expect(clientFor().getPromptTemplate(GET)).resolves.toEqual(TEMPLATE);
    expect(server.requests).toHaveLength(2);
    expect(events).toHaveLength(1);
    expect(events[0]?.error).toBeInstanceOf(ThrottlingError);
    expect(events[0]?.delayMs).toBe(25);
  });

  it("caps the service's wait at maxRetryAfterMs", async () => {
    answerInTurn([throttled(429, "600000"), ok]);
    await clientFor({ retry: { maxRetryAfterMs: 3 } }).getPromptTemplate(GET);
    expect(events.map((event) => event.delayMs)).toEqual([3]);
  });

  it("gives up after the retry limit and throws the last error", async () => {
    answerInTurn([internalError]);
    const error = await caught(clientFor({ retry: { limit: 2 } }).getPromptTemplate(GET));
    expect(error).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(3);
    expect(events).toHaveLength(2);
  });

  it("Update, Delete and List: on a connection cut after the request arrived", async () => {
    const client = clientFor();
    answerInTurn([cutConnection, (response) => sendJson(response, 200, { requestId: REQUEST_ID })]);
    await client.updatePromptTemplate({ ...GET, name: "x" });
    answerInTurn([cutConnection, (response) => sendJson(response, 200, { requestId: REQUEST_ID })]);
    await client.deletePromptTemplate(GET);
    answerInTurn([
      cutConnection,
      (response) =>
        sendJson(response, 200, {
          maxResults: 10,
          promptTemplates: [],
          requestId: REQUEST_ID,
          totalCount: 0,
          workspaceId: "ws",
        }),
    ]);
    await client.listPromptTemplates({ workspaceId: "ws" });
    expect(server.requests).toHaveLength(6);
    expect(events.map((event) => event.operation)).toEqual([
      "UpdatePromptTemplate",
      "DeletePromptTemplate",
      "ListPromptTemplates",
    ]);
    for (const event of events) {
      expect(event.error).toBeInstanceOf(ConnectionError);
      expect(event.error).toMatchObject({ delivery: "unknown" });
    }
  });

  it("does not retry a client error", async () => {
    server.handle((_request, response) =>
      sendJson(response, 404, { code: "PromptTemplate.TemplateNotFound", message: "gone" }),
    );
    await expect(clientFor().getPromptTemplate(GET)).rejects.toMatchObject({ status: 404 });
    expect(server.requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it("retry: false sends once", async () => {
    answerInTurn([internalError, ok]);
    await expect(clientFor({ retry: false }).getPromptTemplate(GET)).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe("CreatePromptTemplate retries only when the service certainly did not act", () => {
  it("is not retried after a 500", async () => {
    answerInTurn([internalError, created]);
    const error = await caught(clientFor().createPromptTemplate(CREATE));
    expect(error).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it("is not retried when the connection is cut after the request arrived", async () => {
    answerInTurn([cutConnection, created]);
    const error = await caught(clientFor().createPromptTemplate(CREATE));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ delivery: "unknown" });
    expect(server.requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it("is retried after throttling (429)", async () => {
    answerInTurn([throttled(429), created]);
    await expect(clientFor().createPromptTemplate(CREATE)).resolves.toEqual({
      promptTemplateId: "new",
      requestId: REQUEST_ID,
    });
    expect(server.requests).toHaveLength(2);
    expect(events[0]?.error).toBeInstanceOf(ThrottlingError);
  });

  it("is retried when the connection was refused (not sent)", async () => {
    const port = await unusedPort();
    const client = new ModelStudioClient({
      endpoint: `http://127.0.0.1:${port}`,
      credentials: KEY,
      retry: { limit: 2, backoffLimitMs: 1 },
      onRetry: (event) => events.push(event),
    });
    const error = await caught(client.createPromptTemplate(CREATE));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ delivery: "not-sent", code: "ECONNREFUSED" });
    expect(events.map((event) => event.attempt)).toEqual([1, 2]);
    for (const event of events) expect(event.error).toMatchObject({ delivery: "not-sent" });
  });

  it("is not retried after a timeout", async () => {
    server.handle(() => {});
    const error = await caught(clientFor({ timeoutMs: 50 }).createPromptTemplate(CREATE));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(1);
    expect(events).toEqual([]);
  });
});

describe("timeouts", () => {
  it("fail an attempt with TimeoutError; Get retries it", async () => {
    answerInTurn([() => {}, ok]);
    await expect(clientFor({ timeoutMs: 50 }).getPromptTemplate(GET)).resolves.toEqual(TEMPLATE);
    expect(events[0]?.error).toBeInstanceOf(TimeoutError);
    expect(events[0]?.error).toMatchObject({ delivery: "unknown", timeoutMs: 50 });
  });

  it("cover a body that stops arriving, and RequestOptions.timeoutMs overrides", async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"requestId": ');
    });
    const client = clientFor({ retry: false, timeoutMs: 60_000 });
    const error = await caught(client.deletePromptTemplate(GET, { timeoutMs: 50 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50 });
  });
});

describe("settings out of range", () => {
  it("timeoutMs: Infinity means no timeout, not an immediate one", async () => {
    server.handle((_request, response) => {
      setTimeout(() => ok(response), 20);
    });
    await expect(
      clientFor({ timeoutMs: Number.POSITIVE_INFINITY }).getPromptTemplate(GET),
    ).resolves.toEqual(TEMPLATE);
  });

  it("a NaN retry limit falls back to the default instead of retrying forever", async () => {
    answerInTurn([internalError]);
    await expect(
      clientFor({ retry: { limit: Number.NaN } }).getPromptTemplate(GET),
    ).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(4);
  });
});

describe("the caller's AbortSignal", () => {
  it("aborts a request in flight with AbortError and no retry", async () => {
    const controller = new AbortController();
    server.handle(() => controller.abort());
    const error = await caught(clientFor().getPromptTemplate(GET, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ delivery: "unknown" });
    expect(server.requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it("sends nothing when already aborted", async () => {
    const error = await caught(
      clientFor().createPromptTemplate(CREATE, { signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ delivery: "not-sent" });
    expect(server.requests).toHaveLength(0);
  });

  it("stops a retry's wait at once", async () => {
    const controller = new AbortController();
    const client = new ModelStudioClient({
      endpoint: server.url,
      credentials: KEY,
      // Without the abort the client would wait ten minutes.
      retry: { backoffLimitMs: 600_000, maxRetryAfterMs: 600_000 },
      onRetry: () => controller.abort(),
    });
    server.handle((_request, response) =>
      sendJson(response, 503, { code: "ServiceUnavailable" }, { "x-acs-retry-after": "600000" }),
    );
    const error = await caught(client.getPromptTemplate(GET, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    // The 503 may have come after the service acted: the outcome is unknown.
    expect(error).toMatchObject({ delivery: "unknown" });
    expect(server.requests).toHaveLength(1);
  });

  it("reports a Create aborted while waiting out throttling as not sent", async () => {
    const controller = new AbortController();
    const client = new ModelStudioClient({
      endpoint: server.url,
      credentials: KEY,
      retry: { maxRetryAfterMs: 600_000 },
      onRetry: () => controller.abort(),
    });
    server.handle((_request, response) => throttled(429, "600000")(response));
    const error = await caught(client.createPromptTemplate(CREATE, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ delivery: "not-sent" });
  });
});

import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNodeTransport, SIGNED_CALL } from "./node-transport.js";

let server: Server;
let base: string;
const received: IncomingMessage[] = [];
let respond: (request: IncomingMessage, response: import("node:http").ServerResponse) => void;

beforeEach(async () => {
  received.length = 0;
  server = createServer((request, response) => {
    received.push(request);
    respond(request, response);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const call = (path: string, signal?: AbortSignal, timeoutMs = 30_000) => ({
  [SIGNED_CALL]: {
    method: "POST",
    url: new URL(`${base}${path}`),
    headers: { "x-acs-action": "CreatePromptTemplate", authorization: "ACS3-HMAC-SHA256 x" },
    signal,
    timeoutMs,
    timedOut: false,
  },
});

describe("the client's transport", () => {
  it("sends the signed URL and headers as given, with an empty body, and reads the answer", async () => {
    respond = (_, response) => {
      response.writeHead(201, "Made", {
        "x-acs-request-id": "R1",
        "content-type": "application/json",
      });
      response.end('{"promptTemplateId":"模板"}');
    };
    const transport = createNodeTransport();
    const response = await transport(
      undefined,
      call("/ws/promptTemplates?name=a%20b&content=%E6%A8%A1"),
    );
    expect(response).toMatchObject({ status: 201, statusText: "Made", ok: true });
    expect(response.headers.get("X-Acs-Request-Id")).toBe("R1");
    expect(response.headers.get("missing")).toBeNull();
    expect(await response.text()).toBe('{"promptTemplateId":"模板"}');
    const [request] = received;
    expect(request?.url).toBe("/ws/promptTemplates?name=a%20b&content=%E6%A8%A1");
    expect(request?.headers).toMatchObject({
      "x-acs-action": "CreatePromptTemplate",
      authorization: "ACS3-HMAC-SHA256 x",
      "content-length": "0",
      host: new URL(base).host,
    });
    expect(request?.headers["transfer-encoding"]).toBeUndefined();
  });

  it("keeps the connection for the next request", async () => {
    respond = (_, response) => response.end("{}");
    const transport = createNodeTransport();
    await transport(undefined, call("/a"));
    await transport(undefined, call("/b"));
    expect(received[0]?.socket).toBe(received[1]?.socket);
  });

  it("ends the request when the signal fires, with the signal's reason", async () => {
    respond = () => {
      // Never answers.
    };
    const controller = new AbortController();
    const pending = createNodeTransport()(undefined, call("/slow", controller.signal));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reason = new Error("timed out");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("ends the request when the timeout passes before the whole body, and says so on the call", async () => {
    respond = (_, response) => {
      // The headers, then a body that never ends.
      response.writeHead(200);
      response.write("{");
    };
    const init = call("/slow-body", undefined, 100);
    await expect(createNodeTransport()(undefined, init)).rejects.toMatchObject({
      name: "TimeoutError",
    });
    expect(init[SIGNED_CALL].timedOut).toBe(true);
  });

  it("fails with the system's code when nothing listens, and refuses a call it did not get", async () => {
    const transport = createNodeTransport();
    await expect(
      transport(undefined, {
        [SIGNED_CALL]: {
          method: "GET",
          url: new URL("http://127.0.0.1:9/x"),
          headers: {},
          signal: undefined,
          timeoutMs: 30_000,
          timedOut: false,
        },
      }),
    ).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(transport(undefined, {})).rejects.toThrow(/did not sign/);
  });
});

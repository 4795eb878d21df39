import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createHttpTestServer,
  type HttpTestServer,
  type ReceivedRequest,
  sendJson,
} from "./__test__/http-test-server.js";
import { decodePercentOnly, verifySignature } from "./__test__/verify-signature.js";
import { ModelStudioClient } from "./client.js";
import { CredentialsError } from "./credentials/credentials-error.js";
import {
  AuthError,
  ConnectionError,
  NotFoundError,
  ServerError,
  ValidationError,
} from "./errors.js";
import { API_VERSION } from "./operations.js";
import { RequestValidationError } from "./request-validation-error.js";
import { ResponseValidationError } from "./response-validation-error.js";
import { EMPTY_PAYLOAD_HASH } from "./signing/canonical-request.js";

const KEY = { accessKeyId: "LTAI5tClientTest", accessKeySecret: "client-test-secret" };
const REQUEST_ID = "6F4A1C2B-0000-4000-8000-000000000001";
// biome-ignore lint/suspicious/noTemplateCurlyInString: `${…}` is the template language's placeholder.
const TRICKY = "主题 ${theme} *()!'~+&=%#?/\n😀 end ";

let server: HttpTestServer;
let client: ModelStudioClient;

beforeEach(async () => {
  server = await createHttpTestServer();
  client = new ModelStudioClient({ endpoint: server.url, credentials: KEY, retry: false });
});

afterEach(async () => {
  await server.close();
});

function only(requests: ReceivedRequest[]): ReceivedRequest {
  expect(requests).toHaveLength(1);
  return requests[0] as ReceivedRequest;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected the call to fail"),
    (error: unknown) => error,
  );
}

describe("requests on the wire", () => {
  it("CreatePromptTemplate: POST, parameters in the query, no body, signed", async () => {
    server.handle((_request, response) =>
      sendJson(response, 200, { promptTemplateId: "a".repeat(32), requestId: REQUEST_ID }),
    );
    const result = await client.createPromptTemplate({
      workspaceId: "llm-abcdefgh12345678",
      name: "greeting",
      content: TRICKY,
    });
    expect(result).toEqual({ promptTemplateId: "a".repeat(32), requestId: REQUEST_ID });

    const received = only(server.requests);
    expect(received.method).toBe("POST");
    expect(received.path).toBe("/llm-abcdefgh12345678/promptTemplates");
    expect(received.query).toEqual({ name: "greeting", content: TRICKY });
    // Every value is percent-encoded, so a server that decodes only %XX reads the same.
    expect(received.rawQuery).not.toMatch(/[+*()!']/);
    expect(decodePercentOnly(received.rawQuery)).toEqual({ name: "greeting", content: TRICKY });
    expect(received.headers["content-length"] ?? "0").toBe("0");
    expect(received.headers).toMatchObject({
      host: server.url.slice("http://".length),
      "x-acs-action": "CreatePromptTemplate",
      "x-acs-version": API_VERSION,
      "x-acs-content-sha256": EMPTY_PAYLOAD_HASH,
      accept: "application/json",
    });
    expect(received.headers["x-acs-date"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(received.headers["x-acs-signature-nonce"]).toMatch(/^[0-9a-f]{32}$/);
    expect(received.headers["x-acs-security-token"]).toBeUndefined();
    expect(received.headers["user-agent"]).toMatch(/^promptmill-core node\//);
    expect(received.headers.authorization).toMatch(
      new RegExp(`^ACS3-HMAC-SHA256 Credential=${KEY.accessKeyId},SignedHeaders=host;x-acs-`),
    );
    expect(verifySignature(received, KEY.accessKeySecret)).toBe(true);
    expect(verifySignature(received, KEY.accessKeySecret, decodePercentOnly)).toBe(true);
    expect(verifySignature(received, "another-secret")).toBe(false);
  });

  it("GetPromptTemplate: GET with both ids percent-encoded in the path", async () => {
    const body = {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the template language's placeholder.
      content: "hi ${name}",
      name: "greeting",
      promptTemplateId: "t 1/主",
      requestId: REQUEST_ID,
      variables: ["name"],
      workspaceId: "ws one",
    };
    server.handle((_request, response) => sendJson(response, 200, { ...body, extra: true }));
    const result = await client.getPromptTemplate({
      workspaceId: "ws one",
      promptTemplateId: "t 1/主",
    });
    expect(result).toEqual(body);

    const received = only(server.requests);
    expect(received.method).toBe("GET");
    expect(received.rawUrl).toBe("/ws%20one/promptTemplates/t%201%2F%E4%B8%BB");
    expect(received.headers["x-acs-action"]).toBe("GetPromptTemplate");
    expect(verifySignature(received, KEY.accessKeySecret)).toBe(true);
  });

  it("UpdatePromptTemplate: PATCH that sends only the fields given", async () => {
    server.handle((_request, response) => sendJson(response, 200, { requestId: REQUEST_ID }));
    await expect(
      client.updatePromptTemplate({ workspaceId: "ws", promptTemplateId: "t1", name: "renamed" }),
    ).resolves.toEqual({ requestId: REQUEST_ID });
    await client.updatePromptTemplate({ workspaceId: "ws", promptTemplateId: "t1", content: "" });

    const [first, second] = server.requests;
    expect(first?.method).toBe("PATCH");
    expect(first?.path).toBe("/ws/promptTemplates/t1");
    expect(first?.query).toEqual({ name: "renamed" });
    expect(second?.rawQuery).toBe("content=");
    expect(first?.headers["x-acs-action"]).toBe("UpdatePromptTemplate");
    for (const received of server.requests) {
      expect(verifySignature(received, KEY.accessKeySecret)).toBe(true);
    }
  });

  it("DeletePromptTemplate: DELETE", async () => {
    server.handle((_request, response) => sendJson(response, 200, { requestId: REQUEST_ID }));
    await expect(
      client.deletePromptTemplate({ workspaceId: "ws", promptTemplateId: "t1" }),
    ).resolves.toEqual({ requestId: REQUEST_ID });
    const received = only(server.requests);
    expect(received.method).toBe("DELETE");
    expect(received.rawUrl).toBe("/ws/promptTemplates/t1");
    expect(received.headers["x-acs-action"]).toBe("DeletePromptTemplate");
    expect(verifySignature(received, KEY.accessKeySecret)).toBe(true);
  });

  it("ListPromptTemplates: GET with maxResults as a string, absent filters left out", async () => {
    const page = {
      maxResults: "20",
      nextToken: "",
      promptTemplates: [
        { content: "c", name: "n", promptTemplateId: "p", type: "Custom", variables: [] },
      ],
      requestId: REQUEST_ID,
      totalCount: 1,
      workspaceId: "ws",
    };
    server.handle((_request, response) => sendJson(response, 200, page));
    const result = await client.listPromptTemplates({
      workspaceId: "ws",
      type: "Custom",
      maxResults: 20,
      nextToken: "abc",
    });
    expect(result.maxResults).toBe(20);
    expect(result.promptTemplates).toEqual(page.promptTemplates);

    const received = only(server.requests);
    expect(received.method).toBe("GET");
    expect(received.path).toBe("/ws/promptTemplates");
    expect(received.query).toEqual({ type: "Custom", maxResults: "20", nextToken: "abc" });
    expect(received.headers["x-acs-action"]).toBe("ListPromptTemplates");
    expect(verifySignature(received, KEY.accessKeySecret)).toBe(true);
  });

  it("sends and signs the STS token from a credentials provider, called per request", async () => {
    let calls = 0;
    const stsClient = new ModelStudioClient({
      endpoint: server.url,
      retry: false,
      userAgent: "my-app/1.0",
      credentials: async () => {
        calls += 1;
        return { ...KEY, securityToken: `token-${calls}` };
      },
    });
    server.handle((_request, response) => sendJson(response, 200, { requestId: REQUEST_ID }));
    await stsClient.deletePromptTemplate({ workspaceId: "ws", promptTemplateId: "t1" });
    await stsClient.deletePromptTemplate({ workspaceId: "ws", promptTemplateId: "t2" });

    expect(server.requests.map((received) => received.headers["x-acs-security-token"])).toEqual([
      "token-1",
      "token-2",
    ]);
    const received = server.requests[1] as ReceivedRequest;
    expect(String(received.headers.authorization)).toContain("x-acs-security-token");
    expect(verifySignature(received, KEY.accessKeySecret)).toBe(true);
    expect(received.headers["user-agent"]).toMatch(/^promptmill-core node\/\S+ my-app\/1\.0$/);
  });

  it("uses a new nonce for every request", async () => {
    server.handle((_request, response) => sendJson(response, 200, { requestId: REQUEST_ID }));
    for (const id of ["a", "b", "c"]) {
      await client.deletePromptTemplate({ workspaceId: "ws", promptTemplateId: id });
    }
    const nonces = new Set(server.requests.map((r) => r.headers["x-acs-signature-nonce"]));
    expect(nonces.size).toBe(3);
  });
});

describe("responses", () => {
  it("rejects a success body that lacks a field, naming the operation and the field", async () => {
    server.handle((_request, response) =>
      sendJson(response, 200, {
        content: "c",
        name: "n",
        promptTemplateId: "t1",
        requestId: REQUEST_ID,
        workspaceId: "ws",
      }),
    );
    const error = await caught(
      client.getPromptTemplate({ workspaceId: "ws", promptTemplateId: "t1" }),
    );
    expect(error).toBeInstanceOf(ResponseValidationError);
    const validation = error as ResponseValidationError;
    expect(validation.operation).toBe("GetPromptTemplate");
    expect(validation.requestId).toBe(REQUEST_ID);
    expect(validation.issues.map((issue) => issue.path)).toEqual(["variables"]);
    expect(validation.message).toMatch(/^GetPromptTemplate returned an unexpected response/);
    expect(validation.message).toContain("variables:");
  });

  it("names nested fields and rejects a success body that is not JSON", async () => {
    server.handle((_request, response) =>
      sendJson(response, 200, {
        maxResults: 10,
        promptTemplates: [
          { content: "c", name: "n", promptTemplateId: "p", type: "Other", variables: [] },
        ],
        requestId: REQUEST_ID,
        totalCount: 1,
        workspaceId: "ws",
      }),
    );
    const listError = (await caught(
      client.listPromptTemplates({ workspaceId: "ws" }),
    )) as ResponseValidationError;
    expect(listError.issues.map((issue) => issue.path)).toEqual(["promptTemplates[0].type"]);

    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html>captive portal</html>");
    });
    const htmlError = await caught(
      client.deletePromptTemplate({ workspaceId: "ws", promptTemplateId: "t" }),
    );
    expect(htmlError).toBeInstanceOf(ResponseValidationError);
    expect((htmlError as Error).message).toContain("not JSON: <html>captive portal</html>");
  });

  it("reads product errors with camelCase keys", async () => {
    server.handle((_request, response) =>
      sendJson(response, 404, {
        code: "PromptTemplate.TemplateNotFound",
        message: "The prompt template does not exist.",
        requestId: REQUEST_ID,
      }),
    );
    const error = await caught(
      client.getPromptTemplate({ workspaceId: "ws", promptTemplateId: "t1" }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: "PromptTemplate.TemplateNotFound",
      requestId: REQUEST_ID,
      serviceMessage: "The prompt template does not exist.",
      retryable: false,
    });
  });

  it("reads gateway errors with capitalised keys, and the request id from the header", async () => {
    server.handle((_request, response) =>
      sendJson(
        response,
        400,
        {
          Code: "SignatureDoesNotMatch",
          Message: "Signature mismatch",
          HostId: "h",
          Recommend: "r",
        },
        { "x-acs-request-id": REQUEST_ID },
      ),
    );
    const error = await caught(
      client.deletePromptTemplate({ workspaceId: "ws", promptTemplateId: "t" }),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      status: 400,
      code: "SignatureDoesNotMatch",
      requestId: REQUEST_ID,
      serviceMessage: "Signature mismatch",
    });
  });

  it("turns a non-JSON error body into an ApiError with code HTTP.<status>", async () => {
    server.handle((_request, response) => {
      response.writeHead(502, "Bad Gateway", { "content-type": "text/html" });
      response.end("<h1>upstream down</h1>");
    });
    const error = await caught(
      client.getPromptTemplate({ workspaceId: "ws", promptTemplateId: "t" }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, code: "HTTP.502", retryable: true });
    expect((error as Error).message).toBe("HTTP.502: Bad Gateway: <h1>upstream down</h1>");

    server.handle((_request, response) => {
      response.writeHead(400);
      response.end();
    });
    const empty = await caught(
      client.getPromptTemplate({ workspaceId: "ws", promptTemplateId: "t" }),
    );
    expect(empty).toBeInstanceOf(ValidationError);
    expect(empty).toMatchObject({ status: 400, code: "HTTP.400" });
  });
});

describe("failures before sending", () => {
  it("refuses input a request cannot carry, sending nothing", async () => {
    const empty = await caught(
      client.getPromptTemplate({ workspaceId: "", promptTemplateId: "t" }),
    );
    expect(empty).toBeInstanceOf(RequestValidationError);
    expect((empty as RequestValidationError).issues[0]?.path).toBe("workspaceId");

    const dots = await caught(
      client.deletePromptTemplate({ workspaceId: "ws", promptTemplateId: ".." }),
    );
    expect(dots).toBeInstanceOf(RequestValidationError);
    expect((dots as Error).message).toBe(
      'DeletePromptTemplate was not sent: promptTemplateId: cannot be ".."',
    );

    const surrogate = await caught(
      client.createPromptTemplate({ workspaceId: "ws", name: "n", content: "bad \uD800 half" }),
    );
    expect(surrogate).toBeInstanceOf(RequestValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("reports an endpoint that is not a URL as a ConnectionError that was not sent", async () => {
    const retries: number[] = [];
    for (const endpoint of ["http://exa mple.com:99999", "ftp://files.example.com"]) {
      const broken = new ModelStudioClient({
        endpoint,
        credentials: KEY,
        onRetry: (event) => retries.push(event.attempt),
      });
      const error = await caught(
        broken.getPromptTemplate({ workspaceId: "ws", promptTemplateId: "t" }),
      );
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ delivery: "not-sent" });
      expect((error as ConnectionError).code).toMatch(/^ERR_INVALID_URL/);
    }
    // A broken URL stays broken: not retried.
    expect(retries).toEqual([]);
  });

  it("wraps a failing credentials provider in CredentialsError, sending nothing", async () => {
    const failing = new ModelStudioClient({
      endpoint: server.url,
      credentials: async () => {
        throw new Error("vault unreachable");
      },
    });
    const error = await caught(
      failing.deletePromptTemplate({ workspaceId: "ws", promptTemplateId: "t" }),
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).cause).toMatchObject({ message: "vault unreachable" });

    const incomplete = new ModelStudioClient({
      endpoint: server.url,
      credentials: async () => ({ accessKeyId: "id", accessKeySecret: "" }),
    });
    await expect(
      incomplete.deletePromptTemplate({ workspaceId: "ws", promptTemplateId: "t" }),
    ).rejects.toBeInstanceOf(CredentialsError);
    expect(server.requests).toHaveLength(0);
  });
});

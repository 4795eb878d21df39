import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHttpTestServer,
  type HttpTestServer,
  sendJson,
  unusedPort,
} from "./__test__/http-test-server.js";
import { ModelStudioClient } from "./client.js";
import { resolveCredentials } from "./credentials/resolve-credentials.js";
import type { RetryEvent } from "./retry-policy.js";

/*
 * Nothing promptmill exports may reveal an AccessKey secret or a security token: not in an
 * error's message or stack, not through toString, JSON.stringify or util.inspect (hidden
 * properties and causes included), not from the client object itself.
 */
const SECRET = "SECRET-ak-7c1e0b5d";
const TOKEN = "TOKEN-sts-4a9f2e6c";
const credentials = {
  accessKeyId: "LTAI5tSecretsTest",
  accessKeySecret: SECRET,
  securityToken: TOKEN,
};

function printedForms(value: unknown): string[] {
  const forms = [
    String(value),
    JSON.stringify(value) ?? "",
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
  ];
  if (value instanceof Error) forms.push(value.message, value.stack ?? "");
  return forms;
}

function expectNoSecret(value: unknown): void {
  for (const form of printedForms(value)) {
    expect(form).not.toContain(SECRET);
    expect(form).not.toContain(TOKEN);
  }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected the call to fail"),
    (error: unknown) => error,
  );
}

let server: HttpTestServer;
const events: RetryEvent[] = [];

beforeAll(async () => {
  server = await createHttpTestServer();
});

afterAll(async () => {
  await server.close();
});

function clientWith(endpoint: string, timeoutMs = 30_000) {
  return new ModelStudioClient({
    endpoint,
    credentials,
    timeoutMs,
    retry: { limit: 1, backoffLimitMs: 1 },
    onRetry: (event) => events.push(event),
  });
}

describe("no secret or token escapes", () => {
  it("from the client object", () => {
    const client = clientWith(server.url);
    expectNoSecret(client);
    const withProvider = new ModelStudioClient({ credentials: async () => credentials });
    expectNoSecret(withProvider);
  });

  it("from any error a call can end in, or a retry event", async () => {
    const client = clientWith(server.url);
    // Only the request that gets no answer needs a short timeout: on a loaded machine, 50 ms
    // could also cut the ones that are answered.
    const impatient = clientWith(server.url, 50);
    const errors: unknown[] = [];
    const GET = { workspaceId: "ws", promptTemplateId: "t" };

    server.handle((_request, response) =>
      sendJson(response, 403, { Code: "Forbidden.NoPermission", Message: "no" }),
    );
    errors.push(await failure(client.getPromptTemplate(GET)));

    server.handle((_request, response) => sendJson(response, 200, { unexpected: true }));
    errors.push(await failure(client.getPromptTemplate(GET)));

    server.handle((_request, response) => {
      response.socket?.destroy();
    });
    errors.push(await failure(client.getPromptTemplate(GET)));

    server.handle(() => {});
    errors.push(await failure(impatient.getPromptTemplate(GET)));

    const controller = new AbortController();
    server.handle(() => controller.abort(new Error("caller gave up")));
    errors.push(await failure(client.getPromptTemplate(GET, { signal: controller.signal })));

    errors.push(
      await failure(client.getPromptTemplate({ workspaceId: "", promptTemplateId: "t" })),
    );
    errors.push(
      await failure(clientWith(`http://127.0.0.1:${await unusedPort()}`).getPromptTemplate(GET)),
    );
    errors.push(await failure(clientWith("http://bad host").getPromptTemplate(GET)));

    expect(errors.map((error) => (error as Error).name)).toEqual([
      "AuthError",
      "ResponseValidationError",
      "ConnectionError",
      "TimeoutError",
      "AbortError",
      "RequestValidationError",
      "ConnectionError",
      "ConnectionError",
    ]);
    expect(events.length).toBeGreaterThan(0);
    for (const error of errors) expectNoSecret(error);
    for (const event of events) expectNoSecret(event);
    // The server did receive the token: the check above is not vacuous.
    expect(
      server.requests.some((request) => request.headers["x-acs-security-token"] === TOKEN),
    ).toBe(true);
  });

  it("from resolved credentials and from credential errors over files that hold them", async () => {
    const home = await mkdtemp(join(tmpdir(), "promptmill-secrets-"));
    try {
      const resolved = await resolveCredentials({
        env: {
          ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
          ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
        },
        homeDir: home,
      });
      expect(resolved.accessKeySecret).toBe(SECRET);
      expectNoSecret(resolved);

      await mkdir(join(home, ".aliyun"));
      await writeFile(
        join(home, ".aliyun", "config.json"),
        `{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_secret":"${SECRET}","sts_token":"${TOKEN}"`,
      );
      await mkdir(join(home, ".alibabacloud"));
      await writeFile(
        join(home, ".alibabacloud", "credentials"),
        `[default]\ntype = sts\naccess_key_secret = ${SECRET}\nsecurity_token = ${TOKEN}\n`,
      );
      const error = await failure(resolveCredentials({ env: {}, homeDir: home }));
      expect((error as Error).name).toBe("CredentialsError");
      expectNoSecret(error);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

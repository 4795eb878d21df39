// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { request } from "node:http";
import { ERROR_CODES } from "@promptmill/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { expectError } from "./__test__/expect-error.js";
import { buildSignedRequest, callSigned } from "./__test__/signed-request.js";
import { createTestDatabase } from "./__test__/test-database.js";
import { startTestService, type TestService } from "./__test__/test-service.js";
import { startLocalService } from "./start-local-service.js";

describe("keys and data", () => {
  it("makes one development key and workspace, and keeps them and the data across a restart", async () => {
    const database = await createTestDatabase();
    const { options } = database;
    onTestFinished(() => database.remove());
    const first = await startLocalService(options);
    const key = first.developmentKey;
    expect(key?.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(key?.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(first.workspaceIds).toEqual(key?.workspaces);
    expect(first.workspaceIds[0]).toMatch(/^llm-[a-z0-9]{16}$/);
    expect(first.endpoint).toBe(`http://127.0.0.1:${first.port}`);
    if (!key) throw new Error("no development key");
    const workspaceId = key.workspaces[0] ?? "";
    const created = await callSigned(first.endpoint, {
      operation: "CreatePromptTemplate",
      workspaceId,
      key,
      query: { name: "survives", content: "still ${here}" },
    });
    expect(created.status).toBe(200);
    await first.close();

    const second = await startLocalService(options);
    try {
      expect(second.developmentKey).toEqual(key);
      const got = await callSigned(second.endpoint, {
        operation: "GetPromptTemplate",
        workspaceId,
        promptTemplateId: String(created.body.promptTemplateId),
        key,
      });
      expect(got.body).toMatchObject({ name: "survives", variables: ["here"] });
      // System templates are seeded once, not again on restart.
      const system = await callSigned(second.endpoint, {
        operation: "ListPromptTemplates",
        workspaceId,
        key,
        query: { type: "System" },
      });
      expect(system.body.totalCount).toBe(5);
    } finally {
      await second.close();
    }
  });

  it("uses configured keys and makes none of its own", async () => {
    const service = await startLocalService({
      accessKeys: [
        { accessKeyId: "a", accessKeySecret: "sa", workspaces: ["llm-one", "llm-two"] },
        { accessKeyId: "b", accessKeySecret: "sb", workspaces: ["llm-two", "llm-three"] },
      ],
    });
    try {
      expect(service.developmentKey).toBeUndefined();
      expect(service.workspaceIds).toEqual(["llm-one", "llm-two", "llm-three"]);
    } finally {
      await service.close();
    }
  });

  it("refuses invalid settings before listening", async () => {
    await expect(startLocalService({ settings: { maxResultsLimit: 0 } })).rejects.toThrow();
    await expect(startLocalService({ settings: { faults: { rate: 2 } } })).rejects.toThrow();
  });
});

describe("oversize requests", () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.service.close());

  it("answers a URL over the header limit with a JSON 413, then keeps serving", async () => {
    const { url, init } = buildSignedRequest(t.service.endpoint, {
      operation: "CreatePromptTemplate",
      workspaceId: t.workspaceId,
      key: t.key,
      query: { name: "huge", content: "巨".repeat(200_000) },
    });
    const response = await new Promise<{ status: number; body: string; requestId: unknown }>(
      (resolve, reject) => {
        const outgoing = request(
          url,
          { method: "POST", headers: init.headers as Record<string, string> },
          (incoming) => {
            let body = "";
            incoming.setEncoding("utf8");
            incoming.on("data", (chunk: string) => {
              body += chunk;
            });
            incoming.on("end", () =>
              resolve({
                status: incoming.statusCode ?? 0,
                body,
                requestId: incoming.headers["x-acs-request-id"],
              }),
            );
          },
        );
        outgoing.on("error", reject);
        outgoing.end();
      },
    );
    expect(response.status).toBe(ERROR_CODES.RequestTooLarge.status);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(body.Code).toBe("RequestTooLarge");
    expect(body.RequestId).toBe(response.requestId);

    const after = await t.call("ListPromptTemplates");
    expect(after.status).toBe(200);
    expect(after.body.totalCount).toBe(5);
  });
});

describe("fault injection", () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterEach(() => t.service.setFaults({ rate: 0 }));
  afterAll(() => t.service.close());

  it("answers error500 with PromptTemplate.InternalError", async () => {
    t.service.setFaults({ rate: 1, kinds: ["error500"] });
    expectError(await t.call("ListPromptTemplates"), "PromptTemplate.InternalError");
  });

  it("answers throttle with Throttling.User and x-acs-retry-after", async () => {
    t.service.setFaults({ rate: 1, kinds: ["throttle"], retryAfterMs: 250 });
    const response = await t.call("ListPromptTemplates");
    expectError(response, "Throttling.User");
    expect(response.headers.get("x-acs-retry-after")).toBe("250");
  });

  it("commits a write, then cuts the connection without an answer", async () => {
    t.service.setFaults({ rate: 1, kinds: ["cut-after-commit"] });
    await expect(
      t.call("CreatePromptTemplate", { query: { name: "cut but kept", content: "x" } }),
    ).rejects.toThrow();
    t.service.setFaults({ rate: 0 });
    const listed = await t.call("ListPromptTemplates", { query: { name: "cut but kept" } });
    expect(listed.body.totalCount).toBe(1);
  });

  it("cuts a read before it acts", async () => {
    const promptTemplateId = await t.create("read me");
    t.service.setFaults({ rate: 1, kinds: ["cut-after-commit"] });
    await expect(t.call("GetPromptTemplate", { promptTemplateId })).rejects.toThrow();
    t.service.setFaults({ rate: 0 });
    expect((await t.call("GetPromptTemplate", { promptTemplateId })).status).toBe(200);
  });

  it("repeats the same faults for the same seed", async () => {
    const run = async () => {
      t.service.setFaults({ rate: 0.5, kinds: ["error500", "throttle"], seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await t.call("ListPromptTemplates")).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
  });
});

describe("failures inside the service", () => {
  it("answers an unexpected error with PromptTemplate.InternalError and keeps running", async () => {
    const t = await startTestService();
    try {
      await t.service.store.close();
      expectError(await t.call("ListPromptTemplates"), "PromptTemplate.InternalError");
      const health = await fetch(`${t.service.endpoint}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await t.service.close();
    }
  });
});

describe("close", () => {
  it("lets a request in flight finish, then refuses connections", async () => {
    const t = await startTestService({ settings: { faults: { latencyMs: 300 } } });
    const inFlight = t.call("CreatePromptTemplate", { query: { name: "in flight", content: "x" } });
    while (t.service.activeRequests === 0) await new Promise((resolve) => setImmediate(resolve));
    const closed = t.service.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await closed;
    await expect(fetch(`${t.service.endpoint}/healthz`)).rejects.toThrow();
    // Closing twice is harmless.
    await t.service.close();
  });
});

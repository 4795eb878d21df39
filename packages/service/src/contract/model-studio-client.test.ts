// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import {
  ApiError,
  AuthError,
  ConnectionError,
  ERROR_CODES,
  iteratePromptTemplates,
  ModelStudioClient,
  type ModelStudioClientOptions,
  NotFoundError,
  PromptmillError,
  paginatePromptTemplates,
  ServerError,
  ThrottlingError,
  ValidationError,
} from "@promptmill/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  startTestService,
  TEMPLATE_ID,
  type TestService,
  UPPERCASE_UUID,
} from "../__test__/test-service.js";

/**
 * The same scenarios as the official-SDK interop, with our own client: the two ends of
 * promptmill agree on paths, signatures, shapes, codes and paging.
 */
let t: TestService;
let client: ModelStudioClient;

function clientFor(overrides: Partial<ModelStudioClientOptions> = {}): ModelStudioClient {
  return new ModelStudioClient({
    endpoint: t.service.endpoint,
    credentials: { accessKeyId: t.key.accessKeyId, accessKeySecret: t.key.accessKeySecret },
    retry: false,
    ...overrides,
  });
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("the call succeeded");
}

beforeAll(async () => {
  t = await startTestService();
  client = clientFor();
});
afterEach(() => t.service.setFaults({ rate: 0 }));
afterAll(() => t.service.close());

describe("ModelStudioClient against the local service", () => {
  it("runs all five operations", async () => {
    const workspaceId = t.workspaceId;
    const created = await client.createPromptTemplate({
      workspaceId,
      name: "contract 主题",
      content: "主题为：${theme}",
    });
    expect(created.promptTemplateId).toMatch(TEMPLATE_ID);
    expect(created.requestId).toMatch(UPPERCASE_UUID);
    const { promptTemplateId } = created;

    const got = await client.getPromptTemplate({ workspaceId, promptTemplateId });
    expect(got).toMatchObject({
      content: "主题为：${theme}",
      name: "contract 主题",
      promptTemplateId,
      variables: ["theme"],
      workspaceId,
    });

    await client.updatePromptTemplate({ workspaceId, promptTemplateId, content: "${a} ${b}" });
    const listed = await client.listPromptTemplates({
      workspaceId,
      name: "contract 主题",
      type: "Custom",
      maxResults: 10,
    });
    expect(listed.totalCount).toBe(1);
    expect(listed.nextToken).toBe("");
    expect(listed.promptTemplates[0]).toMatchObject({ promptTemplateId, variables: ["a", "b"] });

    await client.deletePromptTemplate({ workspaceId, promptTemplateId });
    const gone = await thrown(client.getPromptTemplate({ workspaceId, promptTemplateId }));
    expect(gone).toBeInstanceOf(NotFoundError);
  });

  it("carries Chinese, emoji, *()!'~+&=%# and newlines both ways", async () => {
    for (const text of [
      "小红书",
      "😀🎉👍🏽",
      "*()!'~+&=%#",
      "one\ntwo",
      "a  b",
      "%41 %zz +",
      "__proto__",
    ]) {
      const name = `contract ${text}`;
      const content = `${text} \${theme} ${text}`;
      const { promptTemplateId } = await client.createPromptTemplate({
        workspaceId: t.workspaceId,
        name,
        content,
      });
      const got = await client.getPromptTemplate({ workspaceId: t.workspaceId, promptTemplateId });
      expect({ name: got.name, content: got.content }).toEqual({ name, content });
      const listed = await client.listPromptTemplates({ workspaceId: t.workspaceId, name });
      expect(listed.promptTemplates.map((x) => x.promptTemplateId)).toEqual([promptTemplateId]);
    }
  });

  it("sends a 20,000-character Chinese template in the URL", async () => {
    const content = "长".repeat(20_000);
    const { promptTemplateId } = await client.createPromptTemplate({
      workspaceId: t.workspaceId,
      name: "contract longest",
      content,
    });
    const got = await client.getPromptTemplate({ workspaceId: t.workspaceId, promptTemplateId });
    expect(got.content).toBe(content);
  });

  it("pages across several pages with paginatePromptTemplates", async () => {
    const tag = "contract page ";
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const created = await client.createPromptTemplate({
        workspaceId: t.workspaceId,
        name: `${tag}${i}`,
        content: "x",
      });
      ids.push(created.promptTemplateId);
    }
    const pages = [];
    for await (const page of paginatePromptTemplates(client, {
      workspaceId: t.workspaceId,
      name: tag,
      maxResults: 4,
    })) {
      pages.push(page);
    }
    expect(pages.map((page) => page.promptTemplates.length)).toEqual([4, 4, 3]);
    expect(pages.every((page) => page.totalCount === 11)).toBe(true);
    expect(pages.flatMap((page) => page.promptTemplates.map((x) => x.promptTemplateId))).toEqual(
      ids,
    );

    const items = [];
    for await (const item of iteratePromptTemplates(client, {
      workspaceId: t.workspaceId,
      name: tag,
      maxResults: 3,
    })) {
      items.push(item.promptTemplateId);
    }
    expect(items).toEqual(ids);
  });

  it("turns product errors into ApiError subclasses with code, status and request id", async () => {
    const missing = await thrown(
      client.getPromptTemplate({ workspaceId: t.workspaceId, promptTemplateId: "0".repeat(32) }),
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({
      code: "PromptTemplate.TemplateNotFound",
      status: ERROR_CODES["PromptTemplate.TemplateNotFound"].status,
    });
    expect((missing as ApiError).requestId).toMatch(UPPERCASE_UUID);

    const invalid = await thrown(
      client.createPromptTemplate({ workspaceId: t.workspaceId, name: "   ", content: "x" }),
    );
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid).toMatchObject({ code: "PromptTemplate.NameInvalid", status: 400 });

    const system = await client.listPromptTemplates({ workspaceId: t.workspaceId, type: "System" });
    const denied = await thrown(
      client.deletePromptTemplate({
        workspaceId: t.workspaceId,
        promptTemplateId: system.promptTemplates[0]?.promptTemplateId ?? "",
      }),
    );
    expect(denied).toMatchObject({ code: "PromptTemplate.OperationDenied", status: 403 });
  });

  it("turns gateway errors (capitalised keys) into AuthError with code and request id", async () => {
    const wrongSecret = await thrown(
      clientFor({
        credentials: { accessKeyId: t.key.accessKeyId, accessKeySecret: "not the secret" },
      }).listPromptTemplates({ workspaceId: t.workspaceId }),
    );
    expect(wrongSecret).toBeInstanceOf(AuthError);
    expect(wrongSecret).toMatchObject({
      code: "SignatureDoesNotMatch",
      status: ERROR_CODES.SignatureDoesNotMatch.status,
    });
    expect((wrongSecret as ApiError).requestId).toMatch(UPPERCASE_UUID);

    const unknownKey = await thrown(
      clientFor({
        credentials: { accessKeyId: "nobody", accessKeySecret: "x" },
      }).listPromptTemplates({
        workspaceId: t.workspaceId,
      }),
    );
    expect(unknownKey).toMatchObject({ code: "InvalidAccessKeyId.NotFound", status: 404 });

    const forbidden = await thrown(
      client.listPromptTemplates({ workspaceId: "llm-notmine00000000" }),
    );
    expect(forbidden).toBeInstanceOf(AuthError);
    expect(forbidden).toMatchObject({ code: "Forbidden.NoPermission", status: 403 });
  });

  it("sees injected throttling, 500s and cut connections as their own errors", async () => {
    t.service.setFaults({ rate: 1, kinds: ["throttle"], retryAfterMs: 1200 });
    const throttled = await thrown(client.listPromptTemplates({ workspaceId: t.workspaceId }));
    expect(throttled).toBeInstanceOf(ThrottlingError);
    expect(throttled).toMatchObject({ code: "Throttling.User", retryAfterMs: 1200 });

    t.service.setFaults({ rate: 1, kinds: ["error500"] });
    const failed = await thrown(client.listPromptTemplates({ workspaceId: t.workspaceId }));
    expect(failed).toBeInstanceOf(ServerError);
    expect(failed).toMatchObject({ code: "PromptTemplate.InternalError", status: 500 });

    t.service.setFaults({ rate: 1, kinds: ["cut-after-commit"] });
    const cut = await thrown(
      client.createPromptTemplate({
        workspaceId: t.workspaceId,
        name: "contract cut",
        content: "x",
      }),
    );
    expect(PromptmillError.isInstance(cut)).toBe(true);
    expect(cut).toBeInstanceOf(ConnectionError);
    // The service committed before cutting: the client must not claim it was not sent.
    expect((cut as ConnectionError).delivery).toBe("unknown");
    t.service.setFaults({ rate: 0 });
    const listed = await client.listPromptTemplates({
      workspaceId: t.workspaceId,
      name: "contract cut",
    });
    expect(listed.totalCount).toBe(1);
  });

  it("retries reads through injected 500s to success", async () => {
    const retrying = clientFor({ retry: { limit: 8, backoffLimitMs: 20 } });
    t.service.setFaults({ rate: 0.5, kinds: ["error500"], seed: 3 });
    for (let i = 0; i < 5; i++) {
      const page = await retrying.listPromptTemplates({
        workspaceId: t.workspaceId,
        maxResults: 1,
      });
      expect(page.promptTemplates).toHaveLength(1);
    }
  });
});

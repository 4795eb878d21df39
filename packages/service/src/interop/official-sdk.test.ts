// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import bailianModule, {
  CreatePromptTemplateRequest,
  DeletePromptTemplateRequest,
  GetPromptTemplateRequest,
  ListPromptTemplatesRequest,
  UpdatePromptTemplateRequest,
} from "@alicloud/bailian20231229";
import { $OpenApiUtil, ClientError, ServerError, ThrottlingError } from "@alicloud/openapi-core";
import { ERROR_CODES } from "@promptmill/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  startTestService,
  TEMPLATE_ID,
  type TestService,
  UPPERCASE_UUID,
} from "../__test__/test-service.js";

/**
 * The official Alibaba Cloud SDK is a client nobody here wrote: if it signs, sends and reads
 * everything unchanged against the local service, the service speaks the real protocol.
 */
// A CommonJS package: Node's default import is module.exports (the class is its `default`),
// while vitest's interop already unwraps it to the class.
const Client = (
  "default" in bailianModule ? bailianModule.default : bailianModule
) as typeof bailianModule.default;
type SdkClient = InstanceType<typeof Client>;

function sdkClient(t: TestService, secret = t.key.accessKeySecret): SdkClient {
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: t.key.accessKeyId,
      accessKeySecret: secret,
      // The SDK takes a bare host and the protocol apart.
      endpoint: t.service.endpoint.replace(/^http:\/\//, ""),
      protocol: "http",
    }),
  );
}

/** What the SDK threw, for assertions; fails the test if it did not throw. */
async function sdkError(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("the SDK call succeeded");
}

let t: TestService;
let client: SdkClient;
beforeAll(async () => {
  t = await startTestService();
  client = sdkClient(t);
});
afterEach(() => t.service.setFaults({ rate: 0 }));
afterAll(() => t.service.close());

const AWKWARD = [
  "小红书文案助手",
  "emoji 😀🎉👍🏽",
  "*()!'~+&=%#",
  "line one\nline two",
  "a b  c",
  "%41 %zz +",
];

describe("the official SDK (@alicloud/bailian20231229) against the local service", () => {
  it("runs all five operations", async () => {
    const created = await client.createPromptTemplate(
      t.workspaceId,
      new CreatePromptTemplateRequest({ name: "sdk 主题", content: "主题为：${theme}" }),
    );
    expect(created.statusCode).toBe(200);
    const promptTemplateId = created.body?.promptTemplateId ?? "";
    expect(promptTemplateId).toMatch(TEMPLATE_ID);
    expect(created.body?.requestId).toMatch(UPPERCASE_UUID);

    const got = await client.getPromptTemplate(
      t.workspaceId,
      promptTemplateId,
      new GetPromptTemplateRequest({}),
    );
    expect(got.body).toMatchObject({
      content: "主题为：${theme}",
      name: "sdk 主题",
      promptTemplateId,
      variables: ["theme"],
      workspaceId: t.workspaceId,
    });

    const updated = await client.updatePromptTemplate(
      t.workspaceId,
      promptTemplateId,
      new UpdatePromptTemplateRequest({ content: "${a} und ${b}" }),
    );
    expect(updated.statusCode).toBe(200);
    expect(updated.body?.requestId).toMatch(UPPERCASE_UUID);

    const listed = await client.listPromptTemplates(
      t.workspaceId,
      new ListPromptTemplatesRequest({ name: "sdk 主题", type: "Custom", maxResults: 10 }),
    );
    expect(listed.body?.totalCount).toBe(1);
    expect(listed.body?.nextToken).toBe("");
    expect(listed.body?.promptTemplates?.[0]).toMatchObject({
      promptTemplateId,
      type: "Custom",
      variables: ["a", "b"],
    });

    const deleted = await client.deletePromptTemplate(
      t.workspaceId,
      promptTemplateId,
      new DeletePromptTemplateRequest({}),
    );
    expect(deleted.statusCode).toBe(200);
    const gone = await sdkError(
      client.getPromptTemplate(t.workspaceId, promptTemplateId, new GetPromptTemplateRequest({})),
    );
    expect(gone.code).toBe("PromptTemplate.TemplateNotFound");
  });

  it("carries Chinese, emoji, *()!'~+&=%# and newlines through signing and back", async () => {
    for (const text of AWKWARD) {
      const name = `awkward ${text}`;
      const content = `${text} \${theme} ${text}`;
      const created = await client.createPromptTemplate(
        t.workspaceId,
        new CreatePromptTemplateRequest({ name, content }),
      );
      const promptTemplateId = created.body?.promptTemplateId ?? "";
      const got = await client.getPromptTemplate(
        t.workspaceId,
        promptTemplateId,
        new GetPromptTemplateRequest({}),
      );
      expect(got.body?.name).toBe(name);
      expect(got.body?.content).toBe(content);

      await client.updatePromptTemplate(
        t.workspaceId,
        promptTemplateId,
        new UpdatePromptTemplateRequest({ name: `${name} ✓` }),
      );
      const listed = await client.listPromptTemplates(
        t.workspaceId,
        new ListPromptTemplatesRequest({ name: `${name} ✓` }),
      );
      expect(listed.body?.promptTemplates?.map((x) => x.promptTemplateId)).toEqual([
        promptTemplateId,
      ]);
    }
  });

  it("sends a 20,000-character Chinese template in the URL", async () => {
    const content = "长".repeat(20_000);
    const created = await client.createPromptTemplate(
      t.workspaceId,
      new CreatePromptTemplateRequest({ name: "longest", content }),
    );
    const got = await client.getPromptTemplate(
      t.workspaceId,
      created.body?.promptTemplateId ?? "",
      new GetPromptTemplateRequest({}),
    );
    expect(got.body?.content).toBe(content);
  });

  it("pages through several pages with its nextToken", async () => {
    const tag = "sdk page ";
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const created = await client.createPromptTemplate(
        t.workspaceId,
        new CreatePromptTemplateRequest({ name: `${tag}${i}`, content: "x" }),
      );
      ids.push(created.body?.promptTemplateId ?? "");
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.listPromptTemplates(
        t.workspaceId,
        new ListPromptTemplatesRequest({ name: tag, maxResults: 4, nextToken }),
      );
      expect(page.body?.maxResults).toBe(4);
      expect(page.body?.totalCount).toBe(11);
      seen.push(...(page.body?.promptTemplates ?? []).map((x) => x.promptTemplateId ?? ""));
      nextToken = page.body?.nextToken || undefined;
      pages++;
    } while (nextToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it("reads product errors as ClientError with our code, status and request id", async () => {
    const notFound = await sdkError(
      client.getPromptTemplate(t.workspaceId, "0".repeat(32), new GetPromptTemplateRequest({})),
    );
    expect(notFound).toBeInstanceOf(ClientError);
    expect(notFound).toMatchObject({
      code: "PromptTemplate.TemplateNotFound",
      statusCode: ERROR_CODES["PromptTemplate.TemplateNotFound"].status,
    });
    expect(notFound.requestId).toMatch(UPPERCASE_UUID);

    const badName = await sdkError(
      client.createPromptTemplate(
        t.workspaceId,
        new CreatePromptTemplateRequest({ name: "   ", content: "x" }),
      ),
    );
    expect(badName).toMatchObject({ code: "PromptTemplate.NameInvalid", statusCode: 400 });

    const badPage = await sdkError(
      client.listPromptTemplates(
        t.workspaceId,
        new ListPromptTemplatesRequest({ maxResults: 1000 }),
      ),
    );
    expect(badPage).toMatchObject({ code: "PromptTemplate.MaxResultsInvalid", statusCode: 400 });
  });

  it("reads gateway errors (capitalised keys) the same way", async () => {
    const wrongSecret = await sdkError(
      sdkClient(t, "not the secret").listPromptTemplates(
        t.workspaceId,
        new ListPromptTemplatesRequest({}),
      ),
    );
    expect(wrongSecret).toBeInstanceOf(ClientError);
    expect(wrongSecret).toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: ERROR_CODES.SignatureDoesNotMatch.status,
    });
    expect(wrongSecret.requestId).toMatch(UPPERCASE_UUID);

    const forbidden = await sdkError(
      client.listPromptTemplates("llm-notmine00000000", new ListPromptTemplatesRequest({})),
    );
    expect(forbidden).toMatchObject({ code: "Forbidden.NoPermission", statusCode: 403 });
  });

  it("sees injected throttling as ThrottlingError with retryAfter, and 500 as ServerError", async () => {
    t.service.setFaults({ rate: 1, kinds: ["throttle"], retryAfterMs: 1500 });
    const throttled = await sdkError(
      client.listPromptTemplates(t.workspaceId, new ListPromptTemplatesRequest({})),
    );
    expect(throttled).toBeInstanceOf(ThrottlingError);
    expect(throttled).toMatchObject({ code: "Throttling.User", retryAfter: 1500 });

    t.service.setFaults({ rate: 1, kinds: ["error500"] });
    const failed = await sdkError(
      client.listPromptTemplates(t.workspaceId, new ListPromptTemplatesRequest({})),
    );
    expect(failed).toBeInstanceOf(ServerError);
    expect(failed).toMatchObject({ code: "PromptTemplate.InternalError", statusCode: 500 });
  });
});

import { afterEach, beforeEach, expect, it } from "vitest";
import {
  createHttpTestServer,
  type HttpTestServer,
  sendJson,
} from "./__test__/http-test-server.js";
import { ModelStudioClient, type TemplateChangeEvent } from "./client.js";

const KEY = { accessKeyId: "LTAI5tChangeTest", accessKeySecret: "change-test-secret" };
const WORKSPACE = "llm-abcdefgh12345678";
const ID = "b".repeat(32);

let server: HttpTestServer;
let client: ModelStudioClient;

beforeEach(async () => {
  server = await createHttpTestServer();
  client = new ModelStudioClient({ endpoint: server.url, credentials: KEY, retry: false });
});

afterEach(async () => {
  await server.close();
});

it("announces each completed write, and nothing after unsubscribe", async () => {
  server.handle((request, response) =>
    sendJson(
      response,
      request.method === "DELETE" && request.path.includes("missing") ? 404 : 200,
      request.method === "POST"
        ? { promptTemplateId: ID, requestId: "R1" }
        : { requestId: "R2", code: "PromptTemplate.TemplateNotFound", message: "gone" },
    ),
  );
  const events: TemplateChangeEvent[] = [];
  const unsubscribe = client.onChange((event) => events.push(event));

  await client.createPromptTemplate({ workspaceId: WORKSPACE, name: "n", content: "c" });
  await client.updatePromptTemplate({ workspaceId: WORKSPACE, promptTemplateId: ID, name: "m" });
  await client.listPromptTemplates({ workspaceId: WORKSPACE }).catch(() => undefined);
  await expect(
    client.deletePromptTemplate({ workspaceId: WORKSPACE, promptTemplateId: "missing" }),
  ).rejects.toThrow();
  await client.deletePromptTemplate({ workspaceId: WORKSPACE, promptTemplateId: ID });
  unsubscribe();
  await client.deletePromptTemplate({ workspaceId: WORKSPACE, promptTemplateId: ID });

  expect(events).toEqual([
    { operation: "CreatePromptTemplate", workspaceId: WORKSPACE, promptTemplateId: ID },
    { operation: "UpdatePromptTemplate", workspaceId: WORKSPACE, promptTemplateId: ID },
    { operation: "DeletePromptTemplate", workspaceId: WORKSPACE, promptTemplateId: ID },
  ]);
});

it("returns the write's result even when a listener throws", async () => {
  server.handle((_request, response) =>
    sendJson(response, 200, { promptTemplateId: ID, requestId: "R1" }),
  );
  client.onChange(() => {
    throw new Error("listener bug");
  });
  const result = await client.createPromptTemplate({
    workspaceId: WORKSPACE,
    name: "n",
    content: "c",
  });
  expect(result.promptTemplateId).toBe(ID);
});

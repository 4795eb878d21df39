import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createHttpTestServer,
  type HttpTestServer,
  sendJson,
} from "./__test__/http-test-server.js";
import { ModelStudioClient } from "./client.js";
import { iteratePromptTemplates, paginatePromptTemplates } from "./paginate.js";
import { RepeatedNextTokenError } from "./repeated-next-token-error.js";
import type { ListPromptTemplatesResponse } from "./schemas.js";

const KEY = { accessKeyId: "LTAI5tPaginate", accessKeySecret: "paginate-secret" };

let server: HttpTestServer;
let client: ModelStudioClient;

beforeEach(async () => {
  server = await createHttpTestServer();
  client = new ModelStudioClient({ endpoint: server.url, credentials: KEY, retry: false });
});

afterEach(async () => {
  await server.close();
});

function summary(id: string) {
  return {
    content: `c-${id}`,
    name: `n-${id}`,
    promptTemplateId: id,
    type: "Custom",
    variables: [],
  };
}

/** Serves pages by the nextToken each request carries: `pages[token ?? ""]`. */
function servePages(pages: Record<string, { ids: string[]; nextToken?: string | null }>): void {
  server.handle((request, response) => {
    const page = pages[request.query.nextToken ?? ""];
    if (!page) {
      sendJson(response, 400, { code: "PromptTemplate.NextTokenInvalid", message: "bad token" });
      return;
    }
    sendJson(response, 200, {
      maxResults: 2,
      ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
      promptTemplates: page.ids.map(summary),
      requestId: "R",
      totalCount: 5,
      workspaceId: "ws",
    });
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("paginatePromptTemplates", () => {
  it("follows nextToken until it is empty, passing the filters on every page", async () => {
    servePages({
      "": { ids: ["a", "b"], nextToken: "t1" },
      t1: { ids: ["c", "d"], nextToken: "t2" },
      t2: { ids: ["e"], nextToken: "" },
    });
    const pages: ListPromptTemplatesResponse[] = await collect(
      paginatePromptTemplates(client, { workspaceId: "ws", type: "Custom", maxResults: 2 }),
    );
    expect(pages.map((page) => page.promptTemplates.map((t) => t.promptTemplateId))).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e"],
    ]);
    expect(server.requests.map((request) => request.query)).toEqual([
      { type: "Custom", maxResults: "2" },
      { type: "Custom", maxResults: "2", nextToken: "t1" },
      { type: "Custom", maxResults: "2", nextToken: "t2" },
    ]);
  });

  it("stops when nextToken is absent or null", async () => {
    servePages({ "": { ids: ["a"], nextToken: "t1" }, t1: { ids: ["b"] } });
    expect(await collect(paginatePromptTemplates(client, { workspaceId: "ws" }))).toHaveLength(2);
    servePages({ "": { ids: ["a"], nextToken: null } });
    expect(await collect(paginatePromptTemplates(client, { workspaceId: "ws" }))).toHaveLength(1);
  });

  it("fails, after the pages it got, when the service repeats a token it already gave", async () => {
    servePages({
      "": { ids: ["a"], nextToken: "t1" },
      t1: { ids: ["b"], nextToken: "t2" },
      t2: { ids: ["c"], nextToken: "t1" },
    });
    const pages: string[] = [];
    const listing = async () => {
      for await (const page of paginatePromptTemplates(client, { workspaceId: "ws" })) {
        pages.push(...page.promptTemplates.map((template) => template.promptTemplateId));
      }
    };
    const error = await listing().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RepeatedNextTokenError);
    expect(error).toMatchObject({ pages: 3, workspaceId: "ws" });
    expect((error as Error).message).not.toContain("t1");
    expect(pages).toEqual(["a", "b", "c"]);
    expect(server.requests).toHaveLength(3);
  });

  it("fails when a page hands back the token itself: a cycle of one", async () => {
    servePages({ "": { ids: ["a"], nextToken: "t1" }, t1: { ids: ["b"], nextToken: "t1" } });
    await expect(
      collect(iteratePromptTemplates(client, { workspaceId: "ws" })),
    ).rejects.toBeInstanceOf(RepeatedNextTokenError);
    expect(server.requests).toHaveLength(2);
  });

  it("starts from input.nextToken and treats it as seen", async () => {
    servePages({ start: { ids: ["x"], nextToken: "start" } });
    await expect(
      collect(paginatePromptTemplates(client, { workspaceId: "ws", nextToken: "start" })),
    ).rejects.toBeInstanceOf(RepeatedNextTokenError);
    expect(server.requests[0]?.query).toEqual({ nextToken: "start" });
  });

  it("sends no further request when the consumer stops early", async () => {
    servePages({ "": { ids: ["a"], nextToken: "t1" }, t1: { ids: ["b"], nextToken: "" } });
    for await (const _page of paginatePromptTemplates(client, { workspaceId: "ws" })) break;
    expect(server.requests).toHaveLength(1);
  });

  it("passes errors through", async () => {
    servePages({ "": { ids: ["a"], nextToken: "unknown" } });
    await expect(
      collect(paginatePromptTemplates(client, { workspaceId: "ws" })),
    ).rejects.toMatchObject({
      code: "PromptTemplate.NextTokenInvalid",
    });
  });
});

describe("iteratePromptTemplates", () => {
  it("yields every summary across pages, in order", async () => {
    servePages({
      "": { ids: ["a", "b"], nextToken: "t1" },
      t1: { ids: [], nextToken: "t2" },
      t2: { ids: ["c"], nextToken: "" },
    });
    const ids = (await collect(iteratePromptTemplates(client, { workspaceId: "ws" }))).map(
      (template) => template.promptTemplateId,
    );
    expect(ids).toEqual(["a", "b", "c"]);
  });

  it("honours the caller's signal through RequestOptions", async () => {
    servePages({ "": { ids: ["a"], nextToken: "t1" }, t1: { ids: ["b"], nextToken: "" } });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const template of iteratePromptTemplates(
        client,
        { workspaceId: "ws" },
        { signal: controller.signal },
      )) {
        seen.push(template.promptTemplateId);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AbortError", delivery: "not-sent" });
    expect(seen).toEqual(["a"]);
    expect(server.requests).toHaveLength(1);
  });
});

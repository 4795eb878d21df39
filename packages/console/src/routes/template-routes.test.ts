// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConsoleFixture,
  postForm,
  rawRequest,
  signIn,
  startConsoleFixture,
  WORKSPACE_ID,
} from "../__test__/console-fixture.js";

let fixture: ConsoleFixture;
let session: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  fixture = await startConsoleFixture();
  session = await signIn(fixture.console);
});
afterAll(() => fixture.close());

async function create(name: string, content: string): Promise<string> {
  const { promptTemplateId } = await fixture.client.createPromptTemplate({
    workspaceId: WORKSPACE_ID,
    name,
    content,
  });
  return promptTemplateId;
}

function get(path: string) {
  return rawRequest(fixture.console.port, path, { headers: { cookie: session.cookie } });
}

function stored(id: string) {
  return fixture.client.getPromptTemplate({ workspaceId: WORKSPACE_ID, promptTemplateId: id });
}

function versionIn(html: string): string {
  return /name="version" value="([^"]+)"/.exec(html)?.[1] ?? "";
}

describe("template routes", () => {
  it("refuses content with syntax errors (422) and sends nothing", async () => {
    const id = await create("route-syntax", "hello ${who}");
    const version = versionIn((await get(`/templates/${id}/edit`)).body);
    const response = await postForm(fixture.console, session, `/templates/${id}`, {
      name: "route-syntax",
      content: "hello ${who.name}",
      version,
    });
    expect(response.status).toBe(422);
    expect(response.body).toContain("1 syntax error");
    // The user's text comes back to fix, not the stored one.
    expect(response.body).toContain("hello ${who.name}");
    expect((await stored(id)).content).toBe("hello ${who}");
  });

  it("does not overwrite a change made after the edit began (409), then saves against the new version", async () => {
    const id = await create("route-race", "first ${x}");
    const version = versionIn((await get(`/templates/${id}/edit`)).body);
    await fixture.client.updatePromptTemplate({
      workspaceId: WORKSPACE_ID,
      promptTemplateId: id,
      content: "changed elsewhere ${x}",
    });
    const conflict = await postForm(fixture.console, session, `/templates/${id}`, {
      name: "route-race",
      content: "mine ${x}",
      version,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toContain("changed since you opened it");
    expect((await stored(id)).content).toBe("changed elsewhere ${x}");

    const saved = await postForm(fixture.console, session, `/templates/${id}`, {
      name: "route-race",
      content: "mine ${x}",
      version: versionIn(conflict.body),
    });
    expect(saved.status).toBe(303);
    expect((await stored(id)).content).toBe("mine ${x}");
  });

  it("keeps System templates read-only: no edit form, no delete", async () => {
    const system = await fixture.client.listPromptTemplates({
      workspaceId: WORKSPACE_ID,
      type: "System",
    });
    const id = system.promptTemplates[0]?.promptTemplateId ?? "";
    expect((await get(`/templates/${id}/edit`)).status).toBe(403);
    const response = await postForm(fixture.console, session, `/templates/${id}/delete`, {});
    expect(response.status).toBe(403);
    expect((await stored(id)).promptTemplateId).toBe(id);
  });

  it("shows the service's code and request id for a template that does not exist", async () => {
    const response = await get(`/templates/${"0".repeat(32)}`);
    expect(response.status).toBe(404);
    expect(response.body).toContain("PromptTemplate.TemplateNotFound");
    expect(response.body).toMatch(/Request id <code>[0-9A-F-]{36}<\/code>/);
  });

  it("pages with nextToken: the next page's rows and an honest count, never a silent end", async () => {
    for (let index = 0; index < 55; index++) await create(`route-page-${index}`, "x");
    const first = await get(`/?q=route-page-`);
    expect(first.body).toContain("Showing 50 of 55 templates.");
    const next = /hx-get="(\/templates\/page\?[^"]+)"/
      .exec(first.body)?.[1]
      ?.replace(/&amp;/g, "&");
    expect(next).toContain("shown=50");
    const fragment = await get(next ?? "");
    expect(fragment.status).toBe(200);
    expect(fragment.body.startsWith("<tbody")).toBe(true);
    expect(fragment.body.match(/<tr>/g)).toHaveLength(5 + 1);
    expect(fragment.body).toContain("All 55 of 55 templates shown.");
    expect(fragment.body).not.toContain("Load more");
  });

  it("exports the templates as the CSV promptmill export writes", async () => {
    await create("route-export", 'line one\nsays "${who}", then ${what}');
    const response = await get("/export.csv?type=Custom&q=route-export");
    expect(response.status).toBe(200);
    expect(response.headers["content-disposition"]).toContain("attachment;");
    expect(response.body).toBe(
      'name,content,variables\r\nroute-export,"line one\nsays ""${who}"", then ${what}",who;what\r\n',
    );
  });
});

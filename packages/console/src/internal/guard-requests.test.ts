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
let port: number;

beforeAll(async () => {
  fixture = await startConsoleFixture();
  port = fixture.console.port;
});
afterAll(() => fixture.close());

describe("the console's access rules, over real sockets", () => {
  it("listens on 127.0.0.1 and prints a URL with a long random token", () => {
    expect(fixture.console.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    expect(fixture.console.url).toContain(fixture.console.token);
  });

  it.each(["/", "/templates/page", "/new", "/import", "/export.csv", "/assets/console.js"])(
    "answers %s with 401 without the token or the session cookie",
    async (path) => {
      const response = await rawRequest(port, path);
      expect(response.status).toBe(401);
      expect(response.body).not.toContain(WORKSPACE_ID);
    },
  );

  it("refuses a wrong token, and a right one of the wrong length", async () => {
    expect((await rawRequest(port, "/?token=wrong")).status).toBe(401);
    expect((await rawRequest(port, `/?token=${fixture.console.token}x`)).status).toBe(401);
    expect((await rawRequest(port, "/?token=")).status).toBe(401);
  });

  it("exchanges the token for an HttpOnly, SameSite=Strict cookie named for its port", async () => {
    const response = await rawRequest(port, `/?token=${fixture.console.token}`);
    expect(response.status).toBe(200);
    const cookie = [response.headers["set-cookie"] ?? []].flat()[0] ?? "";
    expect(cookie).toMatch(new RegExp(`^promptmill-console-${port}=[\\w-]+;`));
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/");
    // The cookie is not the token: the token is never sent back.
    expect(cookie).not.toContain(fixture.console.token);
    expect(response.body).not.toContain(fixture.console.token);

    const session = cookie.split(";")[0] ?? "";
    expect((await rawRequest(port, "/", { headers: { cookie: session } })).status).toBe(200);
    expect(
      (await rawRequest(port, "/", { headers: { cookie: `${session.split("=")[0]}=forged` } }))
        .status,
    ).toBe(401);
  });

  it("does not take the token on a state-changing request", async () => {
    const response = await rawRequest(port, `/templates?token=${fixture.console.token}`, {
      method: "POST",
      headers: { origin: fixture.console.origin },
    });
    expect(response.status).toBe(401);
  });

  it("answers 421 to any other Host, even with a valid session (DNS rebinding)", async () => {
    const { cookie } = await signIn(fixture.console);
    for (const host of [`evil.example:${port}`, "127.0.0.1", `127.0.0.1:${port + 1}`]) {
      const response = await rawRequest(port, "/", { headers: { host, cookie } });
      expect(response.status, host).toBe(421);
      expect(response.body).not.toContain(WORKSPACE_ID);
    }
    expect(
      (await rawRequest(port, "/", { headers: { host: `localhost:${port}`, cookie } })).status,
    ).toBe(200);
  });

  it("sends a Content-Security-Policy without inline script or eval, and no Referer to others", async () => {
    const { cookie } = await signIn(fixture.console);
    const response = await rawRequest(port, "/", { headers: { cookie } });
    const policy = String(response.headers["content-security-policy"]);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers["referrer-policy"]).toBe("same-origin");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["cache-control"]).toBe("no-store");
  });
});

describe("CSRF protection of state-changing requests", () => {
  const create = { name: "csrf-probe", content: "hello ${who}" };

  async function probeExists(): Promise<boolean> {
    const page = await fixture.client.listPromptTemplates({
      workspaceId: WORKSPACE_ID,
      name: create.name,
    });
    return page.promptTemplates.some((template) => template.name === create.name);
  }

  it("refuses a post without the CSRF value", async () => {
    const session = await signIn(fixture.console);
    const response = await postForm(fixture.console, session, "/templates", {
      ...create,
      _csrf: "",
    });
    expect(response.status).toBe(403);
    expect(await probeExists()).toBe(false);
  });

  it("refuses a post with a wrong CSRF value in the header", async () => {
    const session = await signIn(fixture.console);
    const response = await postForm(fixture.console, session, "/templates", create, {
      "x-csrf-token": "forged",
    });
    expect(response.status).toBe(403);
    expect(await probeExists()).toBe(false);
  });

  it("refuses a post from another origin, even one on 127.0.0.1 (same site, other port)", async () => {
    const session = await signIn(fixture.console);
    for (const origin of [`http://127.0.0.1:${port + 1}`, "http://evil.example", "null"]) {
      const response = await postForm(fixture.console, session, "/templates", create, { origin });
      expect(response.status, origin).toBe(403);
    }
    expect(await probeExists()).toBe(false);
  });

  it("refuses a post with no Origin, or a cross-site Sec-Fetch-Site", async () => {
    const session = await signIn(fixture.console);
    const noOrigin = await rawRequest(port, "/templates", {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: session.csrf, ...create }).toString(),
    });
    expect(noOrigin.status).toBe(403);
    const crossSite = await postForm(fixture.console, session, "/templates", create, {
      "sec-fetch-site": "same-site",
    });
    expect(crossSite.status).toBe(403);
    expect(await probeExists()).toBe(false);
  });

  it("accepts the same post from the console's own page", async () => {
    const session = await signIn(fixture.console);
    const response = await postForm(fixture.console, session, "/templates", create);
    expect(response.status).toBe(303);
    expect(response.headers.location).toMatch(/^\/templates\/[0-9a-f]{32}$/);
    expect(await probeExists()).toBe(true);
  });
});

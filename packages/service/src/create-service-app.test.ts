// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { ERROR_CODES } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "./__test__/expect-error.js";
import {
  startTestService,
  TEMPLATE_ID,
  type TestService,
  UPPERCASE_UUID,
} from "./__test__/test-service.js";

let t: TestService;
beforeAll(async () => {
  t = await startTestService({
    accessKeys: [
      {
        accessKeyId: "key-one",
        accessKeySecret: "secret-one",
        workspaces: ["llm-aaaaaaaaaaaaaaaa"],
      },
      {
        accessKeyId: "key-two",
        accessKeySecret: "secret-two",
        workspaces: ["llm-bbbbbbbbbbbbbbbb"],
      },
    ],
  });
});
afterAll(() => t.service.close());

describe("the five operations", () => {
  it("create, get, update, list and delete with the documented shapes", async () => {
    const created = await t.call("CreatePromptTemplate", {
      query: { name: "小红书文案助手", content: "主题为：${theme}，语气${tone}，再说${theme}" },
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(["promptTemplateId", "requestId"]);
    expect(created.body.promptTemplateId).toMatch(TEMPLATE_ID);
    expect(created.body.requestId).toMatch(UPPERCASE_UUID);
    expect(created.headers.get("x-acs-request-id")).toBe(created.body.requestId);
    const promptTemplateId = String(created.body.promptTemplateId);

    const got = await t.call("GetPromptTemplate", { promptTemplateId });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      content: "主题为：${theme}，语气${tone}，再说${theme}",
      name: "小红书文案助手",
      promptTemplateId,
      requestId: got.headers.get("x-acs-request-id"),
      variables: ["theme", "tone"],
      workspaceId: t.workspaceId,
    });

    const updated = await t.call("UpdatePromptTemplate", {
      promptTemplateId,
      query: { content: "Now about ${topic}" },
    });
    expect(updated.status).toBe(200);
    expect(Object.keys(updated.body)).toEqual(["requestId"]);
    const afterUpdate = await t.call("GetPromptTemplate", { promptTemplateId });
    expect(afterUpdate.body).toMatchObject({
      name: "小红书文案助手",
      content: "Now about ${topic}",
      variables: ["topic"],
    });

    const listed = await t.call("ListPromptTemplates", { query: { type: "Custom" } });
    expect(listed.status).toBe(200);
    expect(Object.keys(listed.body).sort()).toEqual([
      "maxResults",
      "nextToken",
      "promptTemplates",
      "requestId",
      "totalCount",
      "workspaceId",
    ]);
    const summary = (listed.body.promptTemplates as Record<string, unknown>[]).find(
      (template) => template.promptTemplateId === promptTemplateId,
    );
    expect(summary).toEqual({
      content: "Now about ${topic}",
      name: "小红书文案助手",
      promptTemplateId,
      type: "Custom",
      variables: ["topic"],
    });
    expect(listed.body.maxResults).toBe(20);

    const deleted = await t.call("DeletePromptTemplate", { promptTemplateId });
    expect(deleted.status).toBe(200);
    expect(Object.keys(deleted.body)).toEqual(["requestId"]);
    expectError(
      await t.call("GetPromptTemplate", { promptTemplateId }),
      "PromptTemplate.TemplateNotFound",
    );
    expectError(
      await t.call("DeletePromptTemplate", { promptTemplateId }),
      "PromptTemplate.TemplateNotFound",
    );
  });

  it("updates only the fields sent, and treats an Update with neither as a no-op", async () => {
    const promptTemplateId = await t.create("partial", "Hello ${name}");
    expect(
      (await t.call("UpdatePromptTemplate", { promptTemplateId, query: { name: "renamed" } }))
        .status,
    ).toBe(200);
    const renamed = await t.call("GetPromptTemplate", { promptTemplateId });
    expect(renamed.body).toMatchObject({
      name: "renamed",
      content: "Hello ${name}",
      variables: ["name"],
    });

    expect((await t.call("UpdatePromptTemplate", { promptTemplateId })).status).toBe(200);
    const unchanged = await t.call("GetPromptTemplate", { promptTemplateId });
    expect(unchanged.body).toMatchObject({ name: "renamed", content: "Hello ${name}" });
    expectError(
      await t.call("UpdatePromptTemplate", { promptTemplateId: "0".repeat(32) }),
      "PromptTemplate.TemplateNotFound",
    );
  });

  it("keeps workspaces apart", async () => {
    const promptTemplateId = await t.create("mine");
    const otherKey = t.service.accessKeys[1];
    if (!otherKey) throw new Error("second key missing");
    const fromOther = await t.call("GetPromptTemplate", {
      key: otherKey,
      workspaceId: "llm-bbbbbbbbbbbbbbbb",
      promptTemplateId,
    });
    expectError(fromOther, "PromptTemplate.TemplateNotFound");
  });
});

describe("validation", () => {
  it("checks names: required, not blank, at most 128 code points", async () => {
    expectError(
      await t.call("CreatePromptTemplate", { query: { content: "x" } }),
      "PromptTemplate.NameInvalid",
    );
    expectError(
      await t.call("CreatePromptTemplate", { query: { name: " \t\n ", content: "x" } }),
      "PromptTemplate.NameInvalid",
    );
    expectError(
      await t.call("CreatePromptTemplate", { query: { name: "", content: "x" } }),
      "PromptTemplate.NameInvalid",
    );
    // 128 emoji are 256 UTF-16 units but 128 code points: accepted.
    await t.create("😀".repeat(128));
    expectError(
      await t.call("CreatePromptTemplate", { query: { name: "名".repeat(129), content: "x" } }),
      "PromptTemplate.NameInvalid",
    );
  });

  it("checks content: required, not empty, at most 20,000 code points (in the URL)", async () => {
    expectError(
      await t.call("CreatePromptTemplate", { query: { name: "n" } }),
      "PromptTemplate.ContentInvalid",
    );
    expectError(
      await t.call("CreatePromptTemplate", { query: { name: "n", content: "" } }),
      "PromptTemplate.ContentInvalid",
    );
    // About 180 KB once percent-encoded: more than Node's default header limit.
    const longest = "长".repeat(20_000);
    const promptTemplateId = await t.create("longest", longest);
    const got = await t.call("GetPromptTemplate", { promptTemplateId });
    expect(got.body.content).toBe(longest);
    expectError(
      await t.call("CreatePromptTemplate", { query: { name: "n", content: `${longest}!` } }),
      "PromptTemplate.ContentInvalid",
    );
  });

  it("checks Update's fields when they are sent", async () => {
    const promptTemplateId = await t.create("to update");
    expectError(
      await t.call("UpdatePromptTemplate", { promptTemplateId, query: { name: "" } }),
      "PromptTemplate.NameInvalid",
    );
    expectError(
      await t.call("UpdatePromptTemplate", { promptTemplateId, query: { content: "" } }),
      "PromptTemplate.ContentInvalid",
    );
  });

  it("checks List parameters", async () => {
    for (const maxResults of ["0", "101", "-1", "abc", "5.0", "1e1", " 5"]) {
      expectError(
        await t.call("ListPromptTemplates", { query: { maxResults } }),
        "PromptTemplate.MaxResultsInvalid",
      );
    }
    const hundred = await t.call("ListPromptTemplates", { query: { maxResults: "100" } });
    expect(hundred.body.maxResults).toBe(100);
    for (const type of ["system", "custom", "All"]) {
      expectError(
        await t.call("ListPromptTemplates", { query: { type } }),
        "PromptTemplate.TypeInvalid",
      );
    }
    expectError(
      await t.call("ListPromptTemplates", { query: { name: "k".repeat(129) } }),
      "PromptTemplate.NameInvalid",
    );
    for (const nextToken of [
      "zz",
      "0".repeat(32),
      "dc270401186b433f975d7e1faaa34e0e",
      "A".repeat(32),
    ]) {
      expectError(
        await t.call("ListPromptTemplates", { query: { nextToken } }),
        "PromptTemplate.NextTokenInvalid",
      );
    }
  });
});

describe("System templates", () => {
  it("exist in a new workspace, are listed and readable, and cannot be changed", async () => {
    const system = await t.call("ListPromptTemplates", { query: { type: "System" } });
    const templates = system.body.promptTemplates as Record<string, unknown>[];
    expect(templates.length).toBeGreaterThanOrEqual(4);
    expect(templates.length).toBeLessThanOrEqual(6);
    expect(system.body.totalCount).toBe(templates.length);
    for (const template of templates) {
      expect(template.type).toBe("System");
      expect((template.variables as string[]).length).toBeGreaterThan(0);
    }
    const first = templates[0];
    const promptTemplateId = String(first?.promptTemplateId);

    const got = await t.call("GetPromptTemplate", { promptTemplateId });
    expect(got.body.content).toBe(first?.content);
    expectError(
      await t.call("UpdatePromptTemplate", { promptTemplateId, query: { name: "mine now" } }),
      "PromptTemplate.OperationDenied",
    );
    expectError(
      await t.call("DeletePromptTemplate", { promptTemplateId }),
      "PromptTemplate.OperationDenied",
    );
    expect((await t.call("GetPromptTemplate", { promptTemplateId })).body.name).toBe(first?.name);

    const custom = await t.call("ListPromptTemplates", {
      query: { type: "Custom", maxResults: "100" },
    });
    const customTypes = (custom.body.promptTemplates as { type: string }[]).map((x) => x.type);
    expect(customTypes.length).toBeGreaterThan(0);
    expect(new Set(customTypes)).toEqual(new Set(["Custom"]));
  });
});

describe("List", () => {
  it("matches the name keyword literally and case-sensitively, % and _ included", async () => {
    const names = ["kw 100%", "kw 100_", "kw a_b", "kw aXb", "kw Abc", "kw abc"];
    for (const name of names) await t.create(name);
    const namesFor = async (keyword: string) => {
      const response = await t.call("ListPromptTemplates", {
        query: { name: keyword, maxResults: "100" },
      });
      return (response.body.promptTemplates as { name: string }[]).map((x) => x.name);
    };
    expect(await namesFor("kw 100%")).toEqual(["kw 100%"]);
    expect(await namesFor("%")).toEqual(["kw 100%"]);
    expect((await namesFor("_")).filter((name) => name.startsWith("kw"))).toEqual([
      "kw 100_",
      "kw a_b",
    ]);
    expect(await namesFor("kw a_b")).toEqual(["kw a_b"]);
    expect(await namesFor("kw abc")).toEqual(["kw abc"]);
    expect(await namesFor("kw A")).toEqual(["kw Abc"]);
  });

  it("pages through several pages in creation order with an empty token at the end", async () => {
    const tag = "page-run ";
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(await t.create(`${tag}${i}`));

    const seen: string[] = [];
    let nextToken = "";
    let pages = 0;
    do {
      const response = await t.call("ListPromptTemplates", {
        query: { name: tag, maxResults: "5", ...(nextToken ? { nextToken } : {}) },
      });
      expect(response.status).toBe(200);
      expect(response.body.totalCount).toBe(23);
      seen.push(
        ...(response.body.promptTemplates as { promptTemplateId: string }[]).map(
          (x) => x.promptTemplateId,
        ),
      );
      nextToken = String(response.body.nextToken);
      if (nextToken) expect(nextToken).toMatch(/^[0-9a-f]{32}$/);
      pages++;
    } while (nextToken !== "");
    expect(pages).toBe(5);
    expect(seen).toEqual(ids);
  });

  it("refuses a token used with another keyword, type or workspace", async () => {
    const first = await t.call("ListPromptTemplates", { query: { maxResults: "1" } });
    const nextToken = String(first.body.nextToken);
    expect(nextToken).toMatch(/^[0-9a-f]{32}$/);
    expect(
      (await t.call("ListPromptTemplates", { query: { maxResults: "1", nextToken } })).status,
    ).toBe(200);
    expectError(
      await t.call("ListPromptTemplates", { query: { nextToken, name: "kw" } }),
      "PromptTemplate.NextTokenInvalid",
    );
    expectError(
      await t.call("ListPromptTemplates", { query: { nextToken, type: "Custom" } }),
      "PromptTemplate.NextTokenInvalid",
    );
    const otherKey = t.service.accessKeys[1];
    if (!otherKey) throw new Error("second key missing");
    expectError(
      await t.call("ListPromptTemplates", {
        key: otherKey,
        workspaceId: "llm-bbbbbbbbbbbbbbbb",
        query: { nextToken },
      }),
      "PromptTemplate.NextTokenInvalid",
    );
    // One flipped character is a forged token.
    const flipped = `${nextToken.slice(0, -1)}${nextToken.endsWith("0") ? "1" : "0"}`;
    expectError(
      await t.call("ListPromptTemplates", { query: { maxResults: "1", nextToken: flipped } }),
      "PromptTemplate.NextTokenInvalid",
    );
  });

  it("neither skips nor repeats while another task inserts", async () => {
    const tag = "concurrent ";
    const before: string[] = [];
    for (let i = 0; i < 20; i++) before.push(await t.create(`${tag}before ${i}`));

    let inserting = true;
    const inserted: string[] = [];
    const writer = (async () => {
      for (let i = 0; inserting && i < 200; i++) inserted.push(await t.create(`${tag}during ${i}`));
    })();

    const seen: string[] = [];
    let nextToken = "";
    do {
      const response = await t.call("ListPromptTemplates", {
        query: { name: tag, maxResults: "3", ...(nextToken ? { nextToken } : {}) },
      });
      expect(response.status).toBe(200);
      seen.push(
        ...(response.body.promptTemplates as { promptTemplateId: string }[]).map(
          (x) => x.promptTemplateId,
        ),
      );
      nextToken = String(response.body.nextToken);
      if (seen.length >= before.length) inserting = false;
    } while (nextToken !== "");
    await writer;

    expect(inserted.length).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, before.length)).toEqual(before);
    // Whatever was inserted meanwhile comes after, in creation order.
    const later = seen.slice(before.length);
    expect(later).toEqual(inserted.slice(0, later.length));
  });
});

describe("the gateway", () => {
  it("requires a well-formed signature with the x-acs headers", async () => {
    const withoutAuthorization = await t.call("ListPromptTemplates", {
      afterSigning: (headers) => {
        delete headers.authorization;
      },
    });
    expectError(withoutAuthorization, "IncompleteSignature");
    expectError(
      await t.call("ListPromptTemplates", {
        afterSigning: (headers) => {
          headers.authorization = "ACS3-HMAC-SHA256 Credential=key-one";
        },
      }),
      "IncompleteSignature",
    );
    expectError(
      await t.call("ListPromptTemplates", {
        afterSigning: (headers) => {
          headers.authorization =
            headers.authorization?.replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3") ?? "";
        },
      }),
      "IncompleteSignature",
    );
    for (const name of ["x-acs-signature-nonce", "x-acs-date", "x-acs-action"]) {
      expectError(
        await t.call("ListPromptTemplates", {
          afterSigning: (headers) => {
            delete headers[name];
          },
        }),
        "IncompleteSignature",
      );
    }
  });

  it("knows its keys and checks the signature over path, query and headers", async () => {
    expectError(
      await t.call("ListPromptTemplates", {
        key: { accessKeyId: "nobody", accessKeySecret: "x" },
      }),
      "InvalidAccessKeyId.NotFound",
    );
    const wrongSecret = await t.call("ListPromptTemplates", {
      key: { accessKeyId: "key-one", accessKeySecret: "not-the-secret" },
    });
    expectError(wrongSecret, "SignatureDoesNotMatch");
    expect(String(wrongSecret.body.Message)).not.toContain("secret-one");
    expectError(
      await t.call("ListPromptTemplates", {
        query: { maxResults: "5" },
        afterSigning: (headers) => {
          headers["x-acs-signature-nonce"] = "changed-after-signing";
        },
      }),
      "SignatureDoesNotMatch",
    );
  });

  it("refuses a query changed after signing", async () => {
    const { buildSignedRequest } = await import("./__test__/signed-request.js");
    const { url, init } = buildSignedRequest(t.service.endpoint, {
      operation: "ListPromptTemplates",
      workspaceId: t.workspaceId,
      key: t.key,
      query: { maxResults: "5" },
    });
    const response = await fetch(url.replace("maxResults=5", "maxResults=6"), init);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { Code: string }).Code).toBe("SignatureDoesNotMatch");
  });

  it("accepts a date within 15 minutes and refuses one further away", async () => {
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    expect((await t.call("ListPromptTemplates", { date: minutesAgo(14) })).status).toBe(200);
    expectError(
      await t.call("ListPromptTemplates", { date: minutesAgo(16) }),
      "InvalidTimeStamp.Expired",
    );
    expectError(
      await t.call("ListPromptTemplates", { date: minutesAgo(-16) }),
      "InvalidTimeStamp.Expired",
    );
  });

  it("refuses a nonce it has seen", async () => {
    const nonce = `nonce-${Math.random()}`;
    expect((await t.call("ListPromptTemplates", { nonce })).status).toBe(200);
    expectError(await t.call("ListPromptTemplates", { nonce }), "SignatureNonceUsed");
  });

  it("keeps a key to its own workspaces", async () => {
    expectError(
      await t.call("ListPromptTemplates", { workspaceId: "llm-bbbbbbbbbbbbbbbb" }),
      "Forbidden.NoPermission",
    );
  });

  it("answers unknown paths and methods with InvalidApi.NotFound", async () => {
    const unknownPath = await fetch(`${t.service.endpoint}/${t.workspaceId}/agents`);
    const body = (await unknownPath.json()) as Record<string, unknown>;
    expectError(
      { status: unknownPath.status, headers: unknownPath.headers, body },
      "InvalidApi.NotFound",
    );
    const wrongMethod = await fetch(`${t.service.endpoint}/${t.workspaceId}/promptTemplates`, {
      method: "PUT",
    });
    expect(wrongMethod.status).toBe(ERROR_CODES["InvalidApi.NotFound"].status);
  });

  it("ignores a small body and refuses a large one with a JSON 413", async () => {
    const { buildSignedRequest } = await import("./__test__/signed-request.js");
    const signed = () =>
      buildSignedRequest(t.service.endpoint, {
        operation: "CreatePromptTemplate",
        workspaceId: t.workspaceId,
        key: t.key,
        query: { name: "with body", content: "body ignored" },
      });
    const small = signed();
    const accepted = await fetch(small.url, { ...small.init, body: '{"name":"not this"}' });
    expect(accepted.status).toBe(200);
    const large = signed();
    const refused = await fetch(large.url, { ...large.init, body: "x".repeat(2 * 1024 * 1024) });
    const body = (await refused.json()) as Record<string, unknown>;
    expectError({ status: refused.status, headers: refused.headers, body }, "RequestTooLarge");
  });
});

describe("unsigned routes", () => {
  it("serves /healthz and an OpenAPI 3.1 document of the five operations", async () => {
    const health = await fetch(`${t.service.endpoint}/healthz`);
    expect(await health.json()).toEqual({ status: "ok" });
    expect(health.headers.get("x-acs-request-id")).toMatch(UPPERCASE_UUID);

    const document = (await (await fetch(`${t.service.endpoint}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { operationId: string; responses: Record<string, unknown> }>
      >;
    };
    expect(document.openapi).toBe("3.1.0");
    const operations = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    );
    expect(operations.sort()).toEqual([
      "CreatePromptTemplate",
      "DeletePromptTemplate",
      "GetPromptTemplate",
      "ListPromptTemplates",
      "UpdatePromptTemplate",
    ]);
    expect(
      Object.keys(document.paths["/{workspaceId}/promptTemplates"]?.post?.responses ?? {}),
    ).toContain("413");
  });

  it("documents each parameter as it is checked, with this instance's limits", async () => {
    const custom = await startTestService({
      settings: { nameMaxLength: 7, contentMaxLength: 9, maxResultsLimit: 3, defaultMaxResults: 2 },
    });
    try {
      type Parameter = { name: string; in: string; required: boolean; schema: object };
      type Operation = { parameters: Parameter[] };
      const document = (await (await fetch(`${custom.service.endpoint}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, Operation>>;
      };
      const templates = document.paths["/{workspaceId}/promptTemplates"] ?? {};
      const query = (operation: Operation | undefined) =>
        Object.fromEntries(
          (operation?.parameters ?? [])
            .filter((parameter) => parameter.in === "query")
            .map((parameter) => [parameter.name, parameter]),
        );
      const create = query(templates.post);
      expect(create.name).toMatchObject({
        required: true,
        schema: { type: "string", minLength: 1, maxLength: 7 },
      });
      expect(create.content).toMatchObject({ schema: { minLength: 1, maxLength: 9 } });
      const list = query(templates.get);
      expect(Object.keys(list)).toEqual(["name", "type", "maxResults", "nextToken"]);
      expect(list.maxResults).toMatchObject({
        required: false,
        schema: { type: "integer", minimum: 1, maximum: 3, default: 2 },
      });
      expect(list.type?.schema).toMatchObject({ enum: ["System", "Custom"] });
      // And the checks agree with the document.
      expectError(
        await custom.call("CreatePromptTemplate", { query: { name: "eight ch", content: "x" } }),
        "PromptTemplate.NameInvalid",
      );
      expectError(
        await custom.call("ListPromptTemplates", { query: { maxResults: "4" } }),
        "PromptTemplate.MaxResultsInvalid",
      );
    } finally {
      await custom.service.close();
    }
  });
});

describe("uniqueNames", () => {
  it("refuses a second template of the same name when the setting is on", async () => {
    const unique = await startTestService({ settings: { uniqueNames: true } });
    try {
      const first = await unique.create("only once");
      expectError(
        await unique.call("CreatePromptTemplate", {
          query: { name: "only once", content: "again" },
        }),
        "PromptTemplate.NameDuplicated",
      );
      const second = await unique.create("another");
      expectError(
        await unique.call("UpdatePromptTemplate", {
          promptTemplateId: second,
          query: { name: "only once" },
        }),
        "PromptTemplate.NameDuplicated",
      );
      // Keeping its own name is not a duplicate.
      const same = await unique.call("UpdatePromptTemplate", {
        promptTemplateId: first,
        query: { name: "only once", content: "new" },
      });
      expect(same.status).toBe(200);
    } finally {
      await unique.service.close();
    }
  });

  it("allows duplicates by default", async () => {
    const a = await t.create("twin");
    const b = await t.create("twin");
    expect(a).not.toBe(b);
  });
});

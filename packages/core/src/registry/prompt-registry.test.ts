// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InMemoryClient, type Outage } from "./__test__/in-memory-client.js";
import {
  AmbiguousPromptNameError,
  PromptNotCachedError,
  PromptNotFoundError,
  PromptRegistryClosedError,
  PromptSnapshotError,
} from "./errors.js";
import { createPromptRegistry, type PromptRegistryOptions } from "./prompt-registry.js";

/** Lets background refreshes (which only await the in-memory client) run to completion. */
async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) await new Promise((resolve) => setImmediate(resolve));
}

let client: InMemoryClient;
let clock: number;
let directory: string;

beforeEach(async () => {
  client = new InMemoryClient();
  clock = 1_000_000;
  directory = await mkdtemp(join(tmpdir(), "promptmill-registry-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function registryOf(options: Partial<PromptRegistryOptions> = {}) {
  return createPromptRegistry({
    client,
    workspaceId: client.workspaceId,
    ttlMs: 1000,
    now: () => clock,
    ...options,
  });
}

describe("loading and caching", () => {
  it("fetches a template once, then serves it from the cache until it expires", async () => {
    const id = client.add("greeting", "Hello ${name}, welcome to ${place}.");
    const registry = registryOf();

    const first = await registry.get("greeting");
    expect(first).toMatchObject({
      id,
      name: "greeting",
      content: "Hello ${name}, welcome to ${place}.",
      variables: ["name", "place"],
      source: "service",
    });
    expect(first.render({ name: "Li", place: "杭州" })).toBe("Hello Li, welcome to 杭州.");

    clock += 999;
    expect((await registry.get("greeting")).source).toBe("cache");
    expect(client.listCalls).toHaveLength(1);
    expect(client.listCalls[0]).toEqual({ workspaceId: client.workspaceId, name: "greeting" });
  });

  it("matches the exact name across every page of keyword results", async () => {
    client.pageSize = 2;
    client.add("greeting formal", "Dear ${name}");
    client.add("a greeting", "Hi ${name}");
    client.add("greetings", "Yo ${name}");
    const id = client.add("greeting", "Hello ${name}");
    client.add("greeting!", "Hey ${name}");
    const registry = registryOf();

    const prompt = await registry.get("greeting");
    expect(prompt.id).toBe(id);
    expect(prompt.content).toBe("Hello ${name}");
    expect(client.listCalls.map((call) => call.nextToken)).toEqual([undefined, "2", "4"]);
  });

  it("refuses a name several templates share, listing their ids, and fetches by id instead", async () => {
    const first = client.add("dup", "one ${a}");
    const second = client.add("dup", "two ${b}");
    const registry = registryOf();

    const error = await registry.get("dup").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AmbiguousPromptNameError);
    expect((error as AmbiguousPromptNameError).promptTemplateIds).toEqual([first, second]);
    expect((error as Error).message).toContain(first);

    const byId = await registry.get({ id: second });
    expect(byId).toMatchObject({ id: second, name: "dup", content: "two ${b}", source: "service" });
    expect((await registry.get({ id: second })).source).toBe("cache");
    expect(client.getCalls).toHaveLength(1);
  });

  it("reports a missing name or id as PromptNotFoundError", async () => {
    client.add("something else", "x");
    const registry = registryOf();
    await expect(registry.get("missing")).rejects.toBeInstanceOf(PromptNotFoundError);
    const byId = await registry.get({ id: "f".repeat(32) }).catch((caught: unknown) => caught);
    expect(byId).toBeInstanceOf(PromptNotFoundError);
    expect((byId as PromptNotFoundError).promptTemplateId).toBe("f".repeat(32));
    expect((byId as Error).cause).toMatchObject({ code: "PromptTemplate.TemplateNotFound" });
  });

  it("makes one request for any number of concurrent misses of a name (single flight)", async () => {
    client.add("greeting", "Hello ${name}");
    const registry = registryOf();
    const release = client.hold();
    const pending = Array.from({ length: 100 }, () => registry.get("greeting"));
    await settle();
    expect(client.listCalls).toHaveLength(1);
    release();
    const prompts = await Promise.all(pending);
    expect(new Set(prompts.map((prompt) => prompt.content))).toEqual(new Set(["Hello ${name}"]));
    expect(client.listCalls).toHaveLength(1);
  });

  it("shares a failed request among its waiters and tries again on the next call", async () => {
    client.add("greeting", "Hello ${name}");
    client.outage = "throttling";
    const registry = registryOf();
    const release = client.hold();
    const pending = Array.from({ length: 5 }, () => registry.get("greeting"));
    release();
    for (const result of await Promise.allSettled(pending)) expect(result.status).toBe("rejected");
    expect(client.listCalls).toHaveLength(1);
    client.outage = undefined;
    expect((await registry.get("greeting")).source).toBe("service");
    expect(client.listCalls).toHaveLength(2);
  });

  it("keeps at most maxEntries names, forgetting the least recently used", async () => {
    for (const name of ["a", "b", "c"]) client.add(name, `${name} \${x}`);
    const registry = registryOf({ maxEntries: 2 });
    await registry.get("a");
    await registry.get("b");
    await registry.get("a");
    await registry.get("c");
    expect(client.listCalls).toHaveLength(3);
    expect(registry.peek("a")?.source).toBe("cache");
    expect(registry.peek("b")).toBeUndefined();
    expect((await registry.get("b")).source).toBe("service");
    expect(client.listCalls).toHaveLength(4);
  });
});

describe("stale-while-revalidate", () => {
  it("serves the expired value at once and refreshes it in the background, once", async () => {
    const id = client.add("greeting", "Hello ${name}");
    const registry = registryOf();
    await registry.get("greeting");
    client.updateSilently(id, { content: "Hi ${name}" });
    clock += 1000;

    const release = client.hold();
    const stale = await Promise.all([registry.get("greeting"), registry.get("greeting")]);
    expect(stale.map((prompt) => [prompt.source, prompt.content])).toEqual([
      ["stale", "Hello ${name}"],
      ["stale", "Hello ${name}"],
    ]);
    expect(await registry.render("greeting", { name: "Li" })).toBe("Hello Li");
    expect(client.listCalls).toHaveLength(2);
    release();
    await settle();

    const fresh = await registry.get("greeting");
    expect([fresh.source, fresh.content]).toEqual(["cache", "Hi ${name}"]);
    expect(client.listCalls).toHaveLength(2);
  });

  it("keeps the stale value when the refresh fails and tries again on the next get", async () => {
    client.add("greeting", "Hello ${name}");
    const errors: unknown[] = [];
    const registry = registryOf({ onRevalidationError: (error) => errors.push(error) });
    await registry.get("greeting");
    clock += 5000;
    client.outage = "connection";

    expect((await registry.get("greeting")).source).toBe("stale");
    await settle();
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).name).toBe("ConnectionError");
    expect((await registry.get("greeting")).source).toBe("stale");
    await settle();
    expect(client.listCalls).toHaveLength(3);

    client.outage = undefined;
    expect((await registry.get("greeting")).source).toBe("stale");
    await settle();
    expect((await registry.get("greeting")).source).toBe("cache");
    expect(client.listCalls).toHaveLength(4);
  });

  it("drops the stale value when the refresh finds the template gone", async () => {
    const id = client.add("greeting", "Hello ${name}");
    const registry = registryOf();
    await registry.get("greeting");
    clock += 1000;
    client.updateSilently(id, { name: "renamed" });
    expect((await registry.get("greeting")).source).toBe("stale");
    await settle();
    await expect(registry.get("greeting")).rejects.toBeInstanceOf(PromptNotFoundError);
  });

  it("renderSync refreshes a stale template too", async () => {
    const id = client.add("greeting", "Hello ${name}");
    const registry = registryOf();
    await registry.preload(["greeting"]);
    client.updateSilently(id, { content: "Hi ${name}" });
    clock += 1000;
    expect(registry.renderSync("greeting", { name: "Li" })).toBe("Hello Li");
    await settle();
    expect(registry.renderSync("greeting", { name: "Li" })).toBe("Hi Li");
  });
});

describe("fallback", () => {
  const outages: Outage[] = ["connection", "timeout", "server"];
  for (const outage of outages) {
    it(`uses a template given in code when the service is unreachable (${outage})`, async () => {
      client.outage = outage;
      const registry = registryOf({ fallback: { templates: { greeting: "Hello ${name}" } } });
      const prompt = await registry.get("greeting");
      expect(prompt).toMatchObject({ id: undefined, source: "fallback", variables: ["name"] });
      expect(prompt.render({ name: "Li" })).toBe("Hello Li");
    });
  }

  it("does not fall back on answers: throttling, auth errors, not found", async () => {
    const registry = registryOf({ fallback: { templates: { greeting: "Hello ${name}" } } });
    await expect(registry.get("greeting")).rejects.toBeInstanceOf(PromptNotFoundError);
    client.outage = "throttling";
    await expect(registry.get("greeting")).rejects.toMatchObject({ name: "ThrottlingError" });
    client.outage = "auth";
    await expect(registry.get("greeting")).rejects.toMatchObject({ name: "AuthError" });
  });

  it("throws the service's error when the fallback does not hold the name", async () => {
    client.outage = "connection";
    const registry = registryOf({ fallback: { templates: { other: "x" } } });
    await expect(registry.get("greeting")).rejects.toMatchObject({ name: "ConnectionError" });
  });

  it("prefers a stale cached value to the fallback", async () => {
    client.add("greeting", "from service ${name}");
    const registry = registryOf({ fallback: { templates: { greeting: "from code ${name}" } } });
    await registry.get("greeting");
    clock += 1000;
    client.outage = "connection";
    const prompt = await registry.get("greeting");
    expect([prompt.source, prompt.content]).toEqual(["stale", "from service ${name}"]);
  });

  it("reads a snapshot for names and ids; code templates win over it", async () => {
    const snapshotFile = join(directory, "snapshot.json");
    await writeFile(
      snapshotFile,
      JSON.stringify({
        workspaceId: client.workspaceId,
        takenAt: "2025-01-01T00:00:00.000Z",
        templates: [
          {
            id: "a1",
            name: "greeting",
            content: "snap ${name}",
            variables: ["name"],
            type: "Custom",
          },
          {
            id: "b2",
            name: "farewell",
            content: "bye ${name}",
            variables: ["name"],
            type: "Custom",
          },
          { id: "c3", name: "dup", content: "1", variables: [], type: "Custom" },
          { id: "c4", name: "dup", content: "2", variables: [], type: "System" },
        ],
      }),
    );
    client.outage = "connection";
    const registry = registryOf({
      fallback: { snapshotFile, templates: { greeting: "code ${name}" } },
    });
    expect((await registry.get("greeting")).content).toBe("code ${name}");
    expect(await registry.get("farewell")).toMatchObject({ id: "b2", source: "fallback" });
    expect((await registry.get({ id: "a1" })).content).toBe("snap ${name}");
    await expect(registry.get("dup")).rejects.toBeInstanceOf(AmbiguousPromptNameError);
    await expect(registry.get("nowhere")).rejects.toMatchObject({ name: "ConnectionError" });
  });

  it("rejects a snapshot that is not JSON, has the wrong shape or another workspace", async () => {
    client.outage = "connection";
    const snapshotFile = join(directory, "snapshot.json");
    const cases = [
      ["{not json", /not valid JSON/],
      [JSON.stringify({ workspaceId: client.workspaceId, takenAt: "x", templates: [{}] }), /shape/],
      [JSON.stringify({ workspaceId: "llm-other", takenAt: "x", templates: [] }), /llm-other/],
    ] as const;
    for (const [text, message] of cases) {
      await writeFile(snapshotFile, text);
      const registry = registryOf({ fallback: { snapshotFile } });
      const error = await registry.get("greeting").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PromptSnapshotError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("treats a missing snapshot file as an empty fallback", async () => {
    client.outage = "connection";
    const registry = registryOf({ fallback: { snapshotFile: join(directory, "absent.json") } });
    await expect(registry.get("greeting")).rejects.toMatchObject({ name: "ConnectionError" });
  });

  it("keeps a fallback for the TTL, then replaces it from the service once it answers", async () => {
    client.add("greeting", "from service ${name}");
    client.outage = "connection";
    const registry = registryOf({ fallback: { templates: { greeting: "from code ${name}" } } });
    expect((await registry.get("greeting")).source).toBe("fallback");
    expect((await registry.get("greeting")).source).toBe("fallback");
    expect(client.listCalls).toHaveLength(1);

    client.outage = undefined;
    clock += 1000;
    expect((await registry.get("greeting")).source).toBe("fallback");
    await settle();
    const prompt = await registry.get("greeting");
    expect([prompt.source, prompt.content]).toEqual(["cache", "from service ${name}"]);
  });
});

describe("invalidation", () => {
  it("forgets a template this client updated or deleted", async () => {
    const id = client.add("greeting", "Hello ${name}");
    const registry = registryOf();
    await registry.get("greeting");
    await registry.get({ id });

    client.update(id, { content: "Hi ${name}" });
    expect(registry.peek("greeting")).toBeUndefined();
    expect(await registry.get("greeting")).toMatchObject({
      source: "service",
      content: "Hi ${name}",
    });
    expect(await registry.get({ id })).toMatchObject({ source: "service", content: "Hi ${name}" });

    client.remove(id);
    await expect(registry.get("greeting")).rejects.toBeInstanceOf(PromptNotFoundError);
    await expect(registry.get({ id })).rejects.toBeInstanceOf(PromptNotFoundError);
  });

  it("ignores events of other workspaces and creates", async () => {
    const id = client.add("greeting", "Hello ${name}");
    const registry = registryOf();
    await registry.get("greeting");
    client.emit({
      operation: "UpdatePromptTemplate",
      workspaceId: "llm-other",
      promptTemplateId: id,
    });
    client.emit({
      operation: "CreatePromptTemplate",
      workspaceId: client.workspaceId,
      promptTemplateId: id,
    });
    expect(registry.peek("greeting")?.source).toBe("cache");
  });

  it("does not cache an answer that an invalidation overtook", async () => {
    const id = client.add("greeting", "Hello ${name}");
    const registry = registryOf();
    const release = client.hold();
    const before = registry.get("greeting");
    await settle();
    client.update(id, { content: "Hi ${name}" });
    release();
    await before;
    expect(registry.peek("greeting")).toBeUndefined();
    expect((await registry.get("greeting")).content).toBe("Hi ${name}");
  });

  it("invalidate(name) forgets one name, invalidate() everything", async () => {
    client.add("a", "a");
    client.add("b", "b");
    const registry = registryOf();
    await registry.preload(["a", "b"]);
    registry.invalidate("a");
    expect(registry.peek("a")).toBeUndefined();
    expect(registry.peek("b")?.source).toBe("cache");
    registry.invalidate();
    expect(registry.peek("b")).toBeUndefined();
  });
});

describe("rendering", () => {
  it("renders through the registry in every mode, strict by default", async () => {
    client.add("greeting", "Hello ${name} from ${ place }");
    const registry = registryOf();
    expect(() => registry.renderSync("greeting", { name: "Li" })).toThrow(PromptNotCachedError);
    await expect(registry.render("greeting", { name: "Li" })).rejects.toMatchObject({
      name: "MissingVariablesError",
      missing: ["place"],
    });
    expect(await registry.render("greeting", { name: "Li" }, { mode: "lenient" })).toBe(
      "Hello Li from ",
    );
    expect(registry.renderSync("greeting", { name: "Li" }, { mode: "keep" })).toBe(
      "Hello Li from ${ place }",
    );
    expect(registry.renderSync("greeting", { name: "Li", place: "杭州" })).toBe(
      "Hello Li from 杭州",
    );
    expect(() => registry.renderSync("greeting", { name: "Li" })).toThrow(/place/);
    expect(client.listCalls).toHaveLength(1);
  });

  it("reports a template that does not compile and caches nothing for it", async () => {
    client.add("broken", "Hello ${name");
    const registry = registryOf();
    await expect(registry.get("broken")).rejects.toMatchObject({ name: "TemplateSyntaxError" });
    expect(registry.peek("broken")).toBeUndefined();
  });
});

describe("preload", () => {
  it("loads every Custom template, reporting names that several templates share", async () => {
    client.pageSize = 2;
    client.add("system one", "S ${x}", "System");
    client.add("a", "A ${x}");
    client.add("b", "B ${x}");
    const first = client.add("dup", "1");
    const second = client.add("dup", "2");
    client.add("broken", "${");
    const registry = registryOf();

    const result = await registry.preload();
    expect(result.prompts.map((prompt) => [prompt.name, prompt.source])).toEqual([
      ["a", "service"],
      ["b", "service"],
    ]);
    expect(result.failed.map((failure) => [failure.lookup, (failure.error as Error).name])).toEqual(
      [
        ["dup", "AmbiguousPromptNameError"],
        ["broken", "TemplateSyntaxError"],
      ],
    );
    const ambiguous = result.failed[0]?.error as AmbiguousPromptNameError;
    expect(ambiguous.promptTemplateIds).toEqual([first, second]);
    expect(client.listCalls.every((call) => call.type === "Custom")).toBe(true);
    expect(registry.renderSync("a", { x: 1 })).toBe("A 1");
    expect(registry.peek("system one")).toBeUndefined();
  });

  it("loads the fallback's Custom templates when the service is down", async () => {
    const snapshotFile = join(directory, "snapshot.json");
    await writeFile(
      snapshotFile,
      JSON.stringify({
        workspaceId: client.workspaceId,
        takenAt: "2025-01-01T00:00:00.000Z",
        templates: [
          { id: "a1", name: "from snapshot", content: "S", variables: [], type: "Custom" },
          { id: "b2", name: "system", content: "Y", variables: [], type: "System" },
        ],
      }),
    );
    client.outage = "connection";
    const registry = registryOf({ fallback: { snapshotFile, templates: { "from code": "C" } } });
    const result = await registry.preload();
    expect(result.prompts.map((prompt) => [prompt.name, prompt.source])).toEqual([
      ["from code", "fallback"],
      ["from snapshot", "fallback"],
    ]);
    expect(registry.renderSync("from snapshot", {})).toBe("S");
  });

  it("throws when the service is down and there is no fallback", async () => {
    client.outage = "connection";
    await expect(registryOf().preload()).rejects.toMatchObject({ name: "ConnectionError" });
  });

  it("returns the failures of named preloads instead of throwing", async () => {
    client.add("a", "A");
    const result = await registryOf().preload(["a", "missing", { id: "0".repeat(32) }]);
    expect(result.prompts.map((prompt) => prompt.name)).toEqual(["a"]);
    expect(result.failed.map((failure) => failure.lookup)).toEqual([
      "missing",
      { id: "0".repeat(32) },
    ]);
    expect(result.failed.every((failure) => failure.error instanceof PromptNotFoundError)).toBe(
      true,
    );
  });
});

describe("snapshot", () => {
  it("writes every template of the workspace and serves them all from it later", async () => {
    client.pageSize = 2;
    const ids = [
      client.add("system", "S ${x}", "System"),
      client.add("a", "A ${x}"),
      client.add("b", "B ${y} ${x}"),
      client.add("dup", "1"),
      client.add("dup", "2"),
    ];
    const file = join(directory, "snapshot.json");
    const snapshot = await registryOf().snapshot(file);
    const written = JSON.parse(await readFile(file, "utf8"));
    expect(written).toEqual(snapshot);
    expect(written.workspaceId).toBe(client.workspaceId);
    expect(Number.isNaN(Date.parse(written.takenAt))).toBe(false);
    expect(written.templates.map((template: { id: string }) => template.id)).toEqual(ids);
    expect(written.templates[2]).toEqual({
      id: ids[2],
      name: "b",
      content: "B ${y} ${x}",
      variables: ["y", "x"],
      type: "Custom",
    });

    client.outage = "connection";
    const offline = registryOf({ fallback: { snapshotFile: file } });
    for (const name of ["system", "a", "b"]) {
      expect((await offline.get(name)).source).toBe("fallback");
    }
    expect((await offline.get({ id: ids[4] as string })).content).toBe("2");
  });
});

describe("close", () => {
  it("unsubscribes from the client and refuses further use", async () => {
    client.add("a", "A");
    const registry = registryOf();
    expect(client.listenerCount).toBe(1);
    await registry.get("a");
    registry.close();
    expect(client.listenerCount).toBe(0);
    expect(registry.peek("a")).toBeUndefined();
    await expect(registry.get("a")).rejects.toBeInstanceOf(PromptRegistryClosedError);
    await expect(registry.render("a", {})).rejects.toBeInstanceOf(PromptRegistryClosedError);
    expect(() => registry.renderSync("a", {})).toThrow(PromptRegistryClosedError);
  });

  it("works with a client that has no onChange hook", async () => {
    const withoutHook = {
      listPromptTemplates: client.listPromptTemplates.bind(client),
      getPromptTemplate: client.getPromptTemplate.bind(client),
    };
    client.add("a", "A");
    const registry = createPromptRegistry({ client: withoutHook, workspaceId: client.workspaceId });
    expect((await registry.get("a")).content).toBe("A");
    registry.close();
  });
});

describe("expiry with the real clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("marks entries stale by timer when no clock is injected", async () => {
    vi.useFakeTimers();
    const id = client.add("greeting", "Hello ${name}");
    const registry = createPromptRegistry({ client, workspaceId: client.workspaceId, ttlMs: 1000 });
    await registry.preload(["greeting"]);
    client.updateSilently(id, { content: "Hi ${name}" });
    vi.advanceTimersByTime(999);
    expect(registry.renderSync("greeting", { name: "Li" })).toBe("Hello Li");
    expect(client.listCalls).toHaveLength(1);

    vi.advanceTimersByTime(1);
    expect(registry.peek("greeting")?.source).toBe("stale");
    expect(registry.renderSync("greeting", { name: "Li" })).toBe("Hello Li");
    expect(client.listCalls).toHaveLength(2);
    await vi.waitFor(() => expect(registry.renderSync("greeting", { name: "Li" })).toBe("Hi Li"));
    expect(registry.peek("greeting")?.source).toBe("cache");
    registry.close();
  });

  it("treats ttlMs 0 as always stale and Infinity as never", async () => {
    client.add("greeting", "Hello ${name}");
    const always = createPromptRegistry({ client, workspaceId: client.workspaceId, ttlMs: 0 });
    await always.get("greeting");
    expect((await always.get("greeting")).source).toBe("stale");
    always.close();

    vi.useFakeTimers();
    const never = createPromptRegistry({
      client,
      workspaceId: client.workspaceId,
      ttlMs: Number.POSITIVE_INFINITY,
    });
    await never.get("greeting");
    vi.advanceTimersByTime(365 * 24 * 3_600_000);
    expect((await never.get("greeting")).source).toBe("cache");
    never.close();
  });

  it("leaves no timer behind once entries are gone", async () => {
    vi.useFakeTimers();
    for (const name of ["a", "b", "c"]) client.add(name, name);
    const registry = createPromptRegistry({
      client,
      workspaceId: client.workspaceId,
      maxEntries: 2,
    });
    await registry.preload(["a", "b", "c"]);
    expect(vi.getTimerCount()).toBe(2);
    registry.invalidate("b");
    expect(vi.getTimerCount()).toBe(1);
    registry.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AmbiguousPromptNameError,
  createPromptRegistry,
  iteratePromptTemplates,
  ModelStudioClient,
  PromptNotFoundError,
  type PromptRegistryOptions,
  type PromptTemplateSummary,
} from "@promptmill/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { testStoreOptions } from "../__test__/test-database.js";
import { type LocalService, startLocalService } from "../index.js";

/**
 * The registry's behaviour against the real local service and the real client: what the unit
 * tests in packages/core/src/registry show with an in-memory client, shown here over HTTP.
 * Requests are counted from the service's own request log.
 */

let service: LocalService;
let stopped: boolean;
let requestLog: string[];
let client: ModelStudioClient;
let workspaceId: string;
let clock: number;
let directory: string;

function clientFor(endpoint: string): ModelStudioClient {
  const key = service.accessKeys[0];
  if (key === undefined) throw new Error("the service has no key");
  return new ModelStudioClient({
    endpoint,
    credentials: { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret },
    // One attempt per call keeps the "service is down" cases quick; retries are the client's
    // concern and tested there.
    retry: false,
    timeoutMs: 5_000,
  });
}

function registryOf(options: Partial<PromptRegistryOptions> = {}) {
  return createPromptRegistry({ client, workspaceId, ttlMs: 60_000, now: () => clock, ...options });
}

/** Background refreshes finish on their own; a loaded machine may need more than a second. */
const WAIT = { timeout: 10_000 };

/** ListPromptTemplates requests the service has answered so far. */
function listRequests(): number {
  return requestLog.filter((line) => /^GET \/[^/\s]+\/promptTemplates /.test(line)).length;
}

async function create(name: string, content: string): Promise<string> {
  const { promptTemplateId } = await client.createPromptTemplate({ workspaceId, name, content });
  return promptTemplateId;
}

async function stopService(): Promise<void> {
  stopped = true;
  await service.close();
}

beforeEach(async () => {
  requestLog = [];
  stopped = false;
  service = await startLocalService({
    ...(await testStoreOptions()),
    log: (line) => requestLog.push(line),
  });
  workspaceId = service.workspaceIds[0] ?? "";
  client = clientFor(service.endpoint);
  clock = 1_000_000;
  directory = await mkdtemp(join(tmpdir(), "promptmill-registry-contract-"));
});

afterEach(async () => {
  if (!stopped) await service.close();
  await rm(directory, { recursive: true, force: true });
});

describe("registry against the local service", () => {
  it("misses once, hits the cache until the TTL, then serves stale and refreshes", async () => {
    const id = await create("春季种草文案", "写一篇关于${theme}的小红书文案");
    const registry = registryOf();

    const first = await registry.get("春季种草文案");
    expect(first).toMatchObject({ id, source: "service", variables: ["theme"] });
    expect(first.render({ theme: "春季穿搭" })).toBe("写一篇关于春季穿搭的小红书文案");
    expect(listRequests()).toBe(1);

    // Another client (another process, as far as this registry knows) changes the template.
    await clientFor(service.endpoint).updatePromptTemplate({
      workspaceId,
      promptTemplateId: id,
      content: "为${theme}写一篇小红书笔记",
    });
    clock += 59_999;
    const cached = await registry.get("春季种草文案");
    expect([cached.source, cached.content]).toEqual(["cache", "写一篇关于${theme}的小红书文案"]);
    expect(listRequests()).toBe(1);

    clock += 1;
    const stale = await registry.get("春季种草文案");
    expect([stale.source, stale.content]).toEqual(["stale", "写一篇关于${theme}的小红书文案"]);
    await vi.waitFor(() => expect(registry.peek("春季种草文案")?.source).toBe("cache"), WAIT);
    expect(listRequests()).toBe(2);
    expect(await registry.render("春季种草文案", { theme: "春季穿搭" })).toBe(
      "为春季穿搭写一篇小红书笔记",
    );
    expect(listRequests()).toBe(2);
    registry.close();
  });

  it("keeps serving the stale value while refreshes fail with 500s, and recovers", async () => {
    const id = await create("greeting", "Hello ${name}");
    const failures: unknown[] = [];
    const registry = registryOf({ onRevalidationError: (error) => failures.push(error) });
    await registry.get("greeting");
    await clientFor(service.endpoint).updatePromptTemplate({
      workspaceId,
      promptTemplateId: id,
      content: "Hi ${name}",
    });
    clock += 60_000;

    service.setFaults({ rate: 1, kinds: ["error500"] });
    expect((await registry.get("greeting")).source).toBe("stale");
    await vi.waitFor(() => expect(failures).toHaveLength(1), WAIT);
    expect(failures[0]).toMatchObject({ name: "ServerError", status: 500 });
    expect(await registry.render("greeting", { name: "Li" })).toBe("Hello Li");
    await vi.waitFor(() => expect(failures).toHaveLength(2), WAIT);

    service.setFaults({ rate: 0 });
    expect((await registry.get("greeting")).source).toBe("stale");
    await vi.waitFor(() => expect(registry.peek("greeting")?.source).toBe("cache"), WAIT);
    expect(registry.renderSync("greeting", { name: "Li" })).toBe("Hi Li");
    registry.close();
  });

  it("makes one List request for 100 concurrent gets of a name", async () => {
    await create("single flight", "Only once: ${x}");
    await create("single flight, the longer one", "Not this: ${y}");
    const registry = registryOf();
    const prompts = await Promise.all(
      Array.from({ length: 100 }, () => registry.get("single flight")),
    );
    expect(listRequests()).toBe(1);
    expect(new Set(prompts.map((prompt) => prompt.content))).toEqual(new Set(["Only once: ${x}"]));
    expect(new Set(prompts.map((prompt) => prompt.source))).toEqual(new Set(["service"]));
    registry.close();
  });

  it("matches names exactly across pages and refuses a name two templates share", async () => {
    for (let index = 0; index < 25; index++) await create(`report ${index}`, `R${index} \${x}`);
    const reportId = await create("report", "The report: ${x}");
    const first = await create("twin", "one");
    const second = await create("twin", "two");
    const registry = registryOf();

    expect(await registry.get("report")).toMatchObject({
      id: reportId,
      content: "The report: ${x}",
    });
    expect(listRequests()).toBe(2);
    const ambiguous = await registry.get("twin").catch((error: unknown) => error);
    expect(ambiguous).toBeInstanceOf(AmbiguousPromptNameError);
    expect((ambiguous as AmbiguousPromptNameError).promptTemplateIds).toEqual([first, second]);
    expect((await registry.get({ id: second })).content).toBe("two");
    await expect(registry.get("no such template")).rejects.toBeInstanceOf(PromptNotFoundError);

    // System templates resolve by name like any other, and count when a Custom one takes a name.
    expect(await registry.get("会议纪要整理")).toMatchObject({
      name: "会议纪要整理",
      source: "service",
    });
    const custom = await create("小红书文案助手", "我的版本：${theme}");
    const shared = await registry.get("小红书文案助手").catch((error: unknown) => error);
    expect(shared).toBeInstanceOf(AmbiguousPromptNameError);
    expect((shared as AmbiguousPromptNameError).promptTemplateIds).toContain(custom);
    await expect(registry.get({ id: "0".repeat(32) })).rejects.toBeInstanceOf(PromptNotFoundError);
    registry.close();
  });

  it("falls back to a template given in code once the service is stopped", async () => {
    await create("cached", "Cached ${x}");
    const registry = registryOf({
      fallback: { templates: { "fresh name": "From code: ${x}", cached: "not used ${x}" } },
    });
    await registry.get("cached");
    await stopService();

    const fresh = await registry.get("fresh name");
    expect(fresh).toMatchObject({ id: undefined, source: "fallback" });
    expect(fresh.render({ x: 1 })).toBe("From code: 1");
    expect((await registry.get("cached")).content).toBe("Cached ${x}");
    await expect(registry.get("neither cached nor in the fallback")).rejects.toMatchObject({
      name: "ConnectionError",
    });
    registry.close();
  });

  it("serves every template from a snapshot once the service is gone", async () => {
    for (let index = 0; index < 23; index++) {
      await create(`template ${index}`, `第${index}个模板：\${topic} / \${tone}`);
    }
    const snapshotFile = join(directory, "prompts.snapshot.json");
    const snapshot = await registryOf().snapshot(snapshotFile);
    const listed: PromptTemplateSummary[] = [];
    for await (const template of iteratePromptTemplates(client, { workspaceId })) {
      listed.push(template);
    }
    expect(JSON.parse(await readFile(snapshotFile, "utf8"))).toEqual(snapshot);
    expect(snapshot.templates.map((template) => template.id)).toEqual(
      listed.map((template) => template.promptTemplateId),
    );
    expect(snapshot.templates.some((template) => template.type === "System")).toBe(true);
    await stopService();

    const offline = createPromptRegistry({
      client: clientFor(service.endpoint),
      workspaceId,
      fallback: { snapshotFile },
    });
    for (const template of listed) {
      const byName = await offline.get(template.name);
      expect(byName).toMatchObject({ id: template.promptTemplateId, source: "fallback" });
      expect(byName.content).toBe(template.content);
      expect((await offline.get({ id: template.promptTemplateId })).name).toBe(template.name);
    }
    const preloaded = await createPromptRegistry({
      client: clientFor(service.endpoint),
      workspaceId,
      fallback: { snapshotFile },
    }).preload();
    expect(preloaded.failed).toEqual([]);
    expect(preloaded.prompts.map((prompt) => prompt.name).sort()).toEqual(
      listed
        .filter((template) => template.type === "Custom")
        .map((template) => template.name)
        .sort(),
    );
    expect(offline.renderSync("template 7", { topic: "春游", tone: "轻松" })).toBe(
      "第7个模板：春游 / 轻松",
    );
    offline.close();
  });

  it("forgets a template at once when this client updates or deletes it", async () => {
    const id = await create("greeting", "Hello ${name}");
    const registry = registryOf();
    expect(await registry.render("greeting", { name: "Li" })).toBe("Hello Li");
    expect(await registry.render("greeting", { name: "Li" })).toBe("Hello Li");
    expect(listRequests()).toBe(1);

    await client.updatePromptTemplate({ workspaceId, promptTemplateId: id, content: "Hi ${name}" });
    expect(registry.peek("greeting")).toBeUndefined();
    const updated = await registry.get("greeting");
    expect([updated.source, updated.content]).toEqual(["service", "Hi ${name}"]);
    expect(listRequests()).toBe(2);

    await client.deletePromptTemplate({ workspaceId, promptTemplateId: id });
    await expect(registry.get("greeting")).rejects.toBeInstanceOf(PromptNotFoundError);
    registry.close();
  });
});

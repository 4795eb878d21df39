import { iteratePromptTemplates } from "../api/paginate.js";
import { PromptmillError } from "../errors/promptmill-error.js";
import type { RenderValues } from "../template/compile.js";
import { CompiledPrompt, type PromptRenderOptions } from "./compiled-prompt.js";
import {
  AmbiguousPromptNameError,
  PromptNotCachedError,
  PromptRegistryClosedError,
} from "./errors.js";
import { type FallbackOptions, FallbackSource, type TemplateLookup } from "./fallback-source.js";
import { type CacheEntry, PromptCache } from "./prompt-cache.js";
import type { PromptRegistryClient } from "./registry-client.js";
import { resolveTemplateById, resolveTemplateByName } from "./resolve-template.js";
import { isServiceUnavailable } from "./service-unavailable.js";
import { type PromptSnapshot, writeSnapshotFile } from "./snapshot-file.js";
import type { TemplateRecord } from "./template-record.js";

/**
 * Where a prompt handed out came from: `service` (fetched for this call), `cache` (fresh in
 * memory), `stale` (expired, served while a refresh runs in the background), `fallback` (the
 * service could not be reached: a template given in code or read from the snapshot file).
 */
export type PromptSource = "service" | "cache" | "stale" | "fallback";

export interface RegisteredPrompt<Values = RenderValues> {
  /** The service's promptTemplateId; `undefined` for a fallback template given in code. */
  readonly id: string | undefined;
  readonly name: string;
  readonly content: string;
  /** The variables `render` asks for, in first-seen order. */
  readonly variables: readonly string[];
  readonly source: PromptSource;
  render(values: Values, options?: PromptRenderOptions): string;
}

/** Asks for a template by its promptTemplateId (GetPromptTemplate) instead of by name. */
export interface PromptIdRef {
  id: string;
}

/** The template names of a prompt type map (such as a generated `PromptVariables`). */
export type PromptName<Prompts> = Extract<keyof Prompts, string>;

/** Without a type argument the registry takes any name and any values. */
export type UntypedPrompts = Record<string, RenderValues>;

export interface PromptRegistryOptions {
  client: PromptRegistryClient;
  workspaceId: string;
  /** How long a loaded template is served without asking the service again. Default 60 s. */
  ttlMs?: number;
  /** How many templates are kept, per kind of lookup (by name, by id). Default 500. */
  maxEntries?: number;
  fallback?: FallbackOptions;
  /**
   * A clock for TTLs in milliseconds, read on every cache check (for tests or simulated time).
   * Default: the real clock, with a timer per entry marking it stale so that a hit reads no clock.
   */
  now?: () => number;
  /**
   * Called when a background refresh of a stale template fails (the stale value stays in use
   * and the refresh is tried again on the next request for it). Default: ignored.
   */
  onRevalidationError?: (error: unknown, lookup: string | PromptIdRef) => void;
}

export interface PreloadFailure {
  lookup: string | PromptIdRef;
  error: unknown;
}

export interface PreloadResult {
  prompts: RegisteredPrompt[];
  failed: PreloadFailure[];
}

export interface PromptRegistry<Prompts extends object = UntypedPrompts> {
  /** The template by exact name (or `{ id }`), from the cache when it can. */
  get<Name extends PromptName<Prompts>>(name: Name): Promise<RegisteredPrompt<Prompts[Name]>>;
  get(ref: PromptIdRef): Promise<RegisteredPrompt>;
  /** What the cache holds for a name, without fetching, refreshing or touching the LRU order. */
  peek<Name extends PromptName<Prompts>>(name: Name): RegisteredPrompt<Prompts[Name]> | undefined;
  render<Name extends PromptName<Prompts>>(
    name: Name,
    values: Prompts[Name],
    options?: PromptRenderOptions,
  ): Promise<string>;
  /**
   * Renders a loaded template without a Promise; throws `PromptNotCachedError` when the name was
   * never loaded. A stale template is still rendered and refreshed in the background.
   */
  renderSync<Name extends PromptName<Prompts>>(
    name: Name,
    values: Prompts[Name],
    options?: PromptRenderOptions,
  ): string;
  /**
   * Loads the given names, or every Custom template of the workspace when none are given
   * (from the fallback when the service cannot be reached). A template that fails (not found,
   * ambiguous, does not compile) is returned in `failed`, not thrown; without names, a List that
   * fails with no fallback to stand in throws.
   */
  preload(names?: ReadonlyArray<PromptName<Prompts> | PromptIdRef>): Promise<PreloadResult>;
  /** Writes every template of the workspace (System and Custom) to `file`, for a fallback. */
  snapshot(file: string): Promise<PromptSnapshot>;
  /** Forgets one template, or everything when called without an argument. */
  invalidate(name?: PromptName<Prompts> | PromptIdRef): void;
  /** Stops listening to the client and empties the cache; the registry cannot be used after. */
  close(): void;
}

interface Loaded {
  prompt: CompiledPrompt;
  source: "service" | "fallback";
}

/**
 * An answer from the service about the template itself (it is gone, it now shares its
 * name, it no longer compiles): a refresh that gets one drops the stale copy instead of keeping it.
 */
function isDefinitiveAboutTemplate(error: unknown): boolean {
  if (!PromptmillError.isInstance(error)) return false;
  return (
    error.name === "PromptNotFoundError" ||
    error.name === "AmbiguousPromptNameError" ||
    error.name === "TemplateSyntaxError"
  );
}

function lookupOf(nameOrRef: string | PromptIdRef): TemplateLookup {
  if (typeof nameOrRef === "string") return { kind: "name", name: nameOrRef };
  if (typeof nameOrRef !== "object" || nameOrRef === null || typeof nameOrRef.id !== "string") {
    throw new TypeError("Expected a template name or { id }");
  }
  return { kind: "id", id: nameOrRef.id };
}

function lookupArgument(lookup: TemplateLookup): string | PromptIdRef {
  return lookup.kind === "name" ? lookup.name : { id: lookup.id };
}

function view(prompt: CompiledPrompt, source: PromptSource): RegisteredPrompt {
  return Object.freeze({
    id: prompt.id,
    name: prompt.name,
    content: prompt.content,
    variables: prompt.variables,
    source,
    render: prompt.render,
  });
}

/**
 * A cache of compiled prompts in front of the service, for applications that render prompts per
 * request. See README, "Runtime rendering".
 *
 * Consistency: entries live `ttlMs`; after that they are served stale while one background
 * request refreshes them. Writes made through the same client invalidate at once (its `onChange`
 * hook); changes made elsewhere are seen within `ttlMs` plus one refresh.
 */
export function createPromptRegistry<Prompts extends object = UntypedPrompts>(
  options: PromptRegistryOptions,
): PromptRegistry<Prompts> {
  const { client, workspaceId } = options;
  if (typeof workspaceId !== "string" || workspaceId === "") {
    throw new TypeError("workspaceId must be a non-empty string");
  }
  const ttlMs = options.ttlMs ?? 60_000;
  if (!(ttlMs >= 0)) throw new RangeError(`ttlMs must be zero or more, got ${ttlMs}`);
  const maxEntries = options.maxEntries ?? 500;
  const onRevalidationError = options.onRevalidationError;
  const fallback = new FallbackSource(workspaceId, options.fallback);

  const cacheOptions = { maxEntries, ttlMs, now: options.now };
  const byName = new PromptCache<string>(cacheOptions);
  const byId = new PromptCache<string>(cacheOptions);
  const loadingByName = new Map<string, Promise<Loaded>>();
  const loadingById = new Map<string, Promise<Loaded>>();
  // Bumped by every invalidation: a request that started before it may carry the old content,
  // so its answer is still handed to whoever was waiting but is not cached.
  let generation = 0;
  let closed = false;

  const unsubscribe = client.onChange?.((event) => {
    if (closed || event.workspaceId !== workspaceId) return;
    // A Create changes no template the registry holds. It can make a cached name ambiguous,
    // which the registry sees when that entry is refreshed (the event carries no name).
    if (event.operation === "CreatePromptTemplate") return;
    forgetId(event.promptTemplateId);
  });

  function cacheFor(lookup: TemplateLookup): PromptCache<string> {
    return lookup.kind === "name" ? byName : byId;
  }

  function keyOf(lookup: TemplateLookup): string {
    return lookup.kind === "name" ? lookup.name : lookup.id;
  }

  function assertOpen(): void {
    if (closed) throw new PromptRegistryClosedError();
  }

  function resolve(lookup: TemplateLookup): Promise<TemplateRecord> {
    return lookup.kind === "name"
      ? resolveTemplateByName(client, workspaceId, lookup.name)
      : resolveTemplateById(client, workspaceId, lookup.id);
  }

  function store(
    lookup: TemplateLookup,
    prompt: CompiledPrompt,
    origin: CacheEntry["origin"],
    startedAt: number,
  ): boolean {
    if (closed || startedAt !== generation) return false;
    cacheFor(lookup).set(keyOf(lookup), prompt, origin);
    return true;
  }

  /** The source of a cached entry, starting a background refresh when it has expired. */
  function serve(lookup: TemplateLookup, entry: CacheEntry): PromptSource {
    if (!cacheFor(lookup).isExpired(entry)) {
      return entry.origin === "fallback" ? "fallback" : "cache";
    }
    revalidate(lookup, entry);
    return entry.origin === "fallback" ? "fallback" : "stale";
  }

  function revalidate(lookup: TemplateLookup, entry: CacheEntry): void {
    if (entry.revalidation !== undefined) return;
    const startedAt = generation;
    const cache = cacheFor(lookup);
    const key = keyOf(lookup);
    entry.revalidation = (async () => {
      try {
        const prompt = new CompiledPrompt(await resolve(lookup));
        const current = cache.peek(key) === entry;
        if (!(current && store(lookup, prompt, "service", startedAt))) {
          // An invalidation overtook this refresh: its answer may predate a write, so the next
          // request tries again rather than caching it.
          entry.revalidation = undefined;
        }
      } catch (error) {
        if (isDefinitiveAboutTemplate(error)) {
          if (cache.peek(key) === entry) cache.delete(key);
        } else {
          entry.revalidation = undefined;
        }
        reportRevalidationError(error, lookup);
      }
    })();
  }

  function reportRevalidationError(error: unknown, lookup: TemplateLookup): void {
    if (onRevalidationError === undefined) return;
    try {
      onRevalidationError(error, lookupArgument(lookup));
    } catch {
      // A failing error callback must not become an unhandled rejection in the application.
    }
  }

  function load(lookup: TemplateLookup): Promise<Loaded> {
    const loading = lookup.kind === "name" ? loadingByName : loadingById;
    const key = keyOf(lookup);
    const pending = loading.get(key);
    if (pending !== undefined) return pending;
    const request = fetchOrFallBack(lookup).finally(() => {
      if (loading.get(key) === request) loading.delete(key);
    });
    loading.set(key, request);
    return request;
  }

  async function fetchOrFallBack(lookup: TemplateLookup): Promise<Loaded> {
    const startedAt = generation;
    let record: TemplateRecord;
    try {
      record = await resolve(lookup);
    } catch (error) {
      if (!isServiceUnavailable(error)) throw error;
      const stored = await fallback.find(lookup);
      if (stored === undefined) throw error;
      const prompt = new CompiledPrompt(stored);
      store(lookup, prompt, "fallback", startedAt);
      return { prompt, source: "fallback" };
    }
    const prompt = new CompiledPrompt(record);
    store(lookup, prompt, "service", startedAt);
    return { prompt, source: "service" };
  }

  async function getPrompt(nameOrRef: string | PromptIdRef): Promise<RegisteredPrompt> {
    assertOpen();
    const lookup = lookupOf(nameOrRef);
    const entry = cacheFor(lookup).get(keyOf(lookup));
    if (entry !== undefined) return view(entry.prompt, serve(lookup, entry));
    const loaded = await load(lookup);
    return view(loaded.prompt, loaded.source);
  }

  function cachedByName(name: string): CacheEntry {
    if (closed) throw new PromptRegistryClosedError();
    const entry = byName.get(name);
    if (entry === undefined) throw new PromptNotCachedError(name);
    if (byName.isExpired(entry)) revalidate({ kind: "name", name }, entry);
    return entry;
  }

  function forgetId(promptTemplateId: string): void {
    generation++;
    byId.delete(promptTemplateId);
    loadingById.delete(promptTemplateId);
    byName.deleteWhere((entry) => entry.prompt.id === promptTemplateId);
    // A name lookup in flight may resolve to this template's old content; later callers must
    // not join it.
    loadingByName.clear();
  }

  async function preloadAll(): Promise<PreloadResult> {
    const startedAt = generation;
    let records: TemplateRecord[];
    let origin: CacheEntry["origin"] = "service";
    try {
      records = [];
      for await (const summary of iteratePromptTemplates(client, { workspaceId, type: "Custom" })) {
        records.push({
          id: summary.promptTemplateId,
          name: summary.name,
          content: summary.content,
          type: summary.type,
        });
      }
    } catch (error) {
      if (!isServiceUnavailable(error)) throw error;
      records = await fallback.customTemplates();
      if (records.length === 0) throw error;
      origin = "fallback";
    }
    const byTemplateName = new Map<string, TemplateRecord[]>();
    for (const record of records) {
      const group = byTemplateName.get(record.name);
      if (group === undefined) byTemplateName.set(record.name, [record]);
      else group.push(record);
    }
    const result: PreloadResult = { prompts: [], failed: [] };
    for (const [name, group] of byTemplateName) {
      const [record] = group;
      if (record === undefined) continue;
      if (group.length > 1) {
        const promptTemplateIds = group.map((candidate) => candidate.id ?? "");
        const error = new AmbiguousPromptNameError({
          workspaceId,
          promptName: name,
          promptTemplateIds,
        });
        result.failed.push({ lookup: name, error });
        continue;
      }
      try {
        const prompt = new CompiledPrompt(record);
        store({ kind: "name", name }, prompt, origin, startedAt);
        result.prompts.push(view(prompt, origin));
      } catch (error) {
        result.failed.push({ lookup: name, error });
      }
    }
    return result;
  }

  const registry: PromptRegistry<UntypedPrompts> = {
    get: getPrompt as PromptRegistry<UntypedPrompts>["get"],

    peek(name) {
      if (closed) return undefined;
      const entry = byName.peek(name);
      if (entry === undefined) return undefined;
      const fresh = !byName.isExpired(entry);
      const source = entry.origin === "fallback" ? "fallback" : fresh ? "cache" : "stale";
      return view(entry.prompt, source);
    },

    // The hit path stays synchronous up to the returned Promise: a map lookup, an expiry flag and
    // the compiled function, with no async function frame and no extra await.
    render(name, values, renderOptions) {
      if (!closed) {
        const entry = byName.get(name);
        if (entry !== undefined) {
          if (byName.isExpired(entry)) revalidate({ kind: "name", name }, entry);
          try {
            return Promise.resolve(entry.prompt.render(values, renderOptions));
          } catch (error) {
            return Promise.reject(error);
          }
        }
      }
      return getPrompt(name).then((prompt) => prompt.render(values, renderOptions));
    },

    renderSync(name, values, renderOptions) {
      const entry = cachedByName(name);
      return renderOptions === undefined
        ? entry.prompt.renderStrict(values)
        : entry.prompt.render(values, renderOptions);
    },

    async preload(names) {
      assertOpen();
      if (names === undefined) return preloadAll();
      const settled = await Promise.allSettled(names.map((name) => getPrompt(name)));
      const result: PreloadResult = { prompts: [], failed: [] };
      settled.forEach((outcome, index) => {
        if (outcome.status === "fulfilled") result.prompts.push(outcome.value);
        else
          result.failed.push({
            lookup: names[index] as string | PromptIdRef,
            error: outcome.reason,
          });
      });
      return result;
    },

    async snapshot(file) {
      assertOpen();
      const templates: PromptSnapshot["templates"] = [];
      for await (const summary of iteratePromptTemplates(client, { workspaceId })) {
        templates.push({
          id: summary.promptTemplateId,
          name: summary.name,
          content: summary.content,
          variables: summary.variables,
          type: summary.type,
        });
      }
      const snapshot: PromptSnapshot = {
        workspaceId,
        takenAt: new Date().toISOString(),
        templates,
      };
      await writeSnapshotFile(file, snapshot);
      if (fallback.snapshotFile !== undefined) fallback.reloadSnapshot();
      return snapshot;
    },

    invalidate(nameOrRef) {
      generation++;
      if (nameOrRef === undefined) {
        byName.clear();
        byId.clear();
        loadingByName.clear();
        loadingById.clear();
        return;
      }
      const lookup = lookupOf(nameOrRef);
      cacheFor(lookup).delete(keyOf(lookup));
      (lookup.kind === "name" ? loadingByName : loadingById).delete(keyOf(lookup));
    },

    close() {
      if (closed) return;
      closed = true;
      unsubscribe?.();
      byName.clear();
      byId.clear();
      loadingByName.clear();
      loadingById.clear();
    },
  };
  return registry as unknown as PromptRegistry<Prompts>;
}

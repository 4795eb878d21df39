import {
  type CompiledTemplate,
  type CompileOptions,
  compileTemplate,
  type RenderMode,
  type RenderValues,
} from "./compile.js";

/** Enough for every template of a large workspace; each entry is one small function. */
const CACHE_LIMIT = 500;

type CompiledByMode = Partial<Record<RenderMode, CompiledTemplate>>;

/** Least recently used first: a hit is moved to the end by deleting and re-inserting it. */
const cache = new Map<string, CompiledByMode>();

/**
 * Renders content with values, compiling it once and keeping the last 500 templates
 * compiled. Throws `TemplateSyntaxError`, `MissingVariablesError` (strict mode) or
 * `TemplateValueError`.
 */
export function renderTemplate(
  content: string,
  values: RenderValues,
  options?: CompileOptions,
): string {
  return compiledFor(content, options?.mode ?? "strict")(values);
}

function compiledFor(content: string, mode: RenderMode): CompiledTemplate {
  const entry = cache.get(content);
  if (entry !== undefined) {
    cache.delete(content);
    cache.set(content, entry);
    const cached = entry[mode];
    if (cached !== undefined) return cached;
  }
  // Compiled before anything is stored, so content with syntax errors never takes a place.
  const compiled = compileTemplate(content, { mode });
  if (entry !== undefined) {
    entry[mode] = compiled;
    return compiled;
  }
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(content, { [mode]: compiled });
  return compiled;
}

/** For tests: how many templates the cache holds and whether `content` is one of them. */
export function inspectRenderCache(content?: string): { size: number; has: boolean } {
  return { size: cache.size, has: content !== undefined && cache.has(content) };
}

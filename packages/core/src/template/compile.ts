import type { TemplateAst } from "./ast.js";
import { createGeneratedRenderer } from "./generate-renderer.js";
import { createInterpretedRenderer, type Renderer } from "./interpret-renderer.js";
import { parseTemplateOrThrow } from "./parse.js";
import { planRender, type RenderPlan } from "./render-plan.js";

/**
 * What a render does with a variable that has no value (absent, `undefined` or `null`):
 * `strict` throws `MissingVariablesError` naming all of them, `lenient` renders "",
 * `keep` leaves the placeholder exactly as written.
 */
export type RenderMode = "strict" | "lenient" | "keep";

export interface CompileOptions {
  /** Default `strict`. */
  readonly mode?: RenderMode | undefined;
}

/**
 * Values by variable name. Numbers, bigints and booleans become text with `String()`;
 * `null` and `undefined` count as missing. Only own properties are read.
 */
export type RenderValues = Readonly<
  Record<string, string | number | bigint | boolean | null | undefined>
>;

export interface CompiledTemplate {
  (values?: RenderValues): string;
  /** Unique variable names in first-seen order: what `extractVariables` gives. */
  readonly variables: readonly string[];
  readonly mode: RenderMode;
}

/**
 * Compiles content to a render function. Throws `TemplateSyntaxError` for invalid content.
 * Also takes the AST of content `parseTemplate` found no errors in, so that content checked
 * once is not parsed again to render it.
 */
export function compileTemplate(
  content: string | TemplateAst,
  options?: CompileOptions,
): CompiledTemplate {
  const ast = typeof content === "string" ? parseTemplateOrThrow(content) : content;
  return compileAst(ast, options?.mode ?? "strict");
}

/**
 * Renders before a template switches to generated code. Generating and compiling a function
 * costs tens of interpreted renders (about 60 µs for 1 KB), so a template rendered a few
 * times never pays for it, and a busy one switches early.
 */
const RENDERS_BEFORE_CODE_GENERATION = 32;

/** `tiered` is what users get; the others exist so tests can check each renderer. */
export type RenderStrategy = "tiered" | "interpret" | "generate";

export function compileAst(
  ast: TemplateAst,
  mode: RenderMode,
  strategy: RenderStrategy = "tiered",
): CompiledTemplate {
  const plan = planRender(ast);
  let render: Renderer;
  if (strategy === "tiered") {
    const interpreted = createInterpretedRenderer(plan, mode);
    let generated: Renderer | undefined;
    let renders = 0;
    // Two call sites that each only ever see one function: a single `current(values)`
    // whose target changes leaves V8 a polymorphic call and made renders a third slower.
    render = (values) => {
      if (generated !== undefined) return generated(values);
      if (++renders >= RENDERS_BEFORE_CODE_GENERATION) {
        generated = generateOrKeep(plan, mode) ?? interpreted;
      }
      return interpreted(values);
    };
  } else if (strategy === "generate") {
    render = createGeneratedRenderer(plan, mode);
  } else {
    render = createInterpretedRenderer(plan, mode);
  }
  return Object.defineProperties(render, {
    variables: { value: plan.variables, enumerable: true },
    mode: { value: mode, enumerable: true },
  }) as CompiledTemplate;
}

/**
 * The generated renderer, or undefined where the interpreter must stay: whatever stopped
 * generation (a runtime that forbids it, a template over GENERATED_PLACEHOLDER_LIMIT, or
 * anything else), a render must never fail because a faster way to do it did.
 */
function generateOrKeep(plan: RenderPlan, mode: RenderMode): Renderer | undefined {
  try {
    return createGeneratedRenderer(plan, mode);
  } catch {
    return undefined;
  }
}

import type { RenderMode } from "./compile.js";
import type { Renderer } from "./interpret-renderer.js";
import type { RenderPlan } from "./render-plan.js";
import { EMPTY_VALUES, hasOwn, missingVariablesError, resolveValue } from "./resolve-value.js";

/**
 * Everything from the template reaches the generated code only as a string literal made
 * here; names never become identifiers (those are `v0`, `v1` … by position), so no content,
 * however hostile (quotes, backslashes, `*\/`, `${`, U+2028, lone surrogates), can change
 * what the code does.
 */
function toLiteral(text: string): string {
  // JSON.stringify escapes quotes, backslashes, control characters and lone surrogates.
  // U+2028/U+2029 are legal in string literals since ES2019 but are escaped anyway, so the
  // source stays one line for any engine or tool that reads it.
  return JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The most placeholders (occurrences, not distinct names) a generated renderer is made for;
 * past it the tiered renderer keeps interpreting. The source grows by about 200 bytes a
 * variable: a huge function takes long to compile, and past about 60,000 variables its one
 * concatenation is deeper than V8's parser can go (a RangeError at the 32nd render).
 */
export const GENERATED_PLACEHOLDER_LIMIT = 1_000;

/**
 * Generates one function that reads each variable once and returns one concatenation, as a
 * person would write it for that template. Throws `EvalError` where the runtime forbids code
 * generation (a CSP, or Node's `--disallow-code-generation-from-strings`), and a RangeError
 * for a template over GENERATED_PLACEHOLDER_LIMIT, which is never made into one function.
 */
export function createGeneratedRenderer(plan: RenderPlan, mode: RenderMode): Renderer {
  const { variables, texts, slots, written } = plan;
  if (slots.length > GENERATED_PLACEHOLDER_LIMIT) {
    throw new RangeError(
      `A template with ${slots.length} placeholders is not compiled to code (limit ${GENERATED_PLACEHOLDER_LIMIT}); interpret it`,
    );
  }
  const lines = [
    '"use strict";',
    "return function render(values) {",
    // An early return rather than `values ?? EMPTY`: a variable that may hold either object
    // costs V8 its cheap property loads (measured: a third slower on a short template).
    "if (values === undefined || values === null) return render(EMPTY);",
    "const proto = getPrototypeOf(values);",
    "const plain = proto === OBJECT_PROTOTYPE || proto === null;",
  ];
  variables.forEach((name, index) => {
    const key = toLiteral(name);
    // Own properties only, without paying for hasOwn on every read: on a plain (or
    // null-prototype) object, a name that Object.prototype does not hold can only come from
    // the object itself. The check runs on every render, so a prototype polluted later is
    // still never read, and it is nearly free because V8 turns a constant-key read of
    // Object.prototype into a map check. Everything else (`toString`, `__proto__`, class
    // instances, Object.create(defaults)) goes through hasOwn.
    lines.push(
      `const v${index} = plain && OBJECT_PROTOTYPE[${key}] === undefined ? values[${key}] : hasOwn(values, ${key}) ? values[${key}] : undefined;`,
    );
    const fallback = mode === "lenient" ? ' ?? ""' : "";
    lines.push(
      `const s${index} = typeof v${index} === "string" ? v${index} : resolve(v${index}, ${key})${fallback};`,
    );
  });
  if (mode === "strict" && variables.length > 0) {
    const anyMissing = variables.map((_, index) => `s${index} === undefined`).join(" || ");
    // A throw plus a helper that looks again: passing the resolved values as an array
    // literal here made V8 slow every render down by a third, although it never ran.
    lines.push(`if (${anyMissing}) throw missingVariablesError(VARIABLES, values);`);
  }
  const parts: string[] = [];
  texts.forEach((text, index) => {
    if (index > 0) {
      const slot = `s${slots[index - 1]}`;
      const original = toLiteral(written[index - 1] as string);
      parts.push(mode === "keep" ? `(${slot} ?? ${original})` : slot);
    }
    if (text !== "") parts.push(toLiteral(text));
  });
  lines.push(`return ${parts.length === 0 ? '""' : parts.join(" + ")};`, "};");

  const helpers = {
    hasOwn,
    getPrototypeOf: Object.getPrototypeOf,
    OBJECT_PROTOTYPE: Object.prototype,
    resolve: resolveValue,
    missingVariablesError,
    VARIABLES: variables,
    EMPTY: EMPTY_VALUES,
  };
  const factory = new Function(...Object.keys(helpers), lines.join("\n"));
  return factory(...Object.values(helpers));
}

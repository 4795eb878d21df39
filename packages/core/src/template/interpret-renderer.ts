import type { RenderMode, RenderValues } from "./compile.js";
import type { RenderPlan } from "./render-plan.js";
import { EMPTY_VALUES, missingVariablesError, readOwn, resolveValue } from "./resolve-value.js";

export type Renderer = (values?: RenderValues) => string;

/**
 * Renders by walking the plan. Costs nothing to create, so it serves a template's first
 * renders (and every render where the runtime forbids code generation).
 */
export function createInterpretedRenderer(plan: RenderPlan, mode: RenderMode): Renderer {
  const { variables, texts, slots, written } = plan;
  const first = texts[0] as string;
  return (values) => {
    const source = values ?? EMPTY_VALUES;
    const resolved: (string | undefined)[] = [];
    let anyMissing = false;
    for (const name of variables) {
      const value = resolveValue(readOwn(source, name), name);
      if (value === undefined) anyMissing = true;
      resolved.push(value);
    }
    if (anyMissing && mode === "strict") throw missingVariablesError(variables, source);
    let output = first;
    for (let index = 0; index < slots.length; index++) {
      const value =
        resolved[slots[index] as number] ?? (mode === "keep" ? (written[index] as string) : "");
      output += value + (texts[index + 1] as string);
    }
    return output;
  };
}

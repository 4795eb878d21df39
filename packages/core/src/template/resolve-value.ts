import type { RenderValues } from "./compile.js";
import { MissingVariablesError, TemplateValueError } from "./errors.js";

export const hasOwn: (object: object, key: string) => boolean = Object.hasOwn;

export const EMPTY_VALUES: RenderValues = Object.freeze({});

/** Own properties only: `${toString}` or `${__proto__}` must not find Object.prototype's. */
export function readOwn(values: RenderValues, name: string): unknown {
  return hasOwn(values, name) ? values[name] : undefined;
}

/**
 * Turns a value into the text it renders as, or `undefined` when it counts as missing.
 * Objects, arrays, functions and symbols throw: there is no text for them that would not
 * be a guess (`[object Object]` in a prompt helps nobody).
 */
export function resolveValue(value: unknown, name: string): string | undefined {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "bigint":
    case "boolean":
      return String(value);
    case "undefined":
      return undefined;
    default:
      if (value === null) return undefined;
      throw new TemplateValueError(name, describeKind(value));
  }
}

function describeKind(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  return "an object";
}

/** Only called once a strict render knows something is missing, so it may look again. */
export function missingVariablesError(
  variables: readonly string[],
  values: RenderValues,
): MissingVariablesError {
  const missing = variables.filter(
    (name) => resolveValue(readOwn(values, name), name) === undefined,
  );
  return new MissingVariablesError(missing);
}

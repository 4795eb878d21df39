import { PromptmillError } from "../errors/promptmill-error.js";

export type TemplateSyntaxErrorCode =
  | "empty-placeholder"
  | "invalid-variable-name"
  | "unterminated-placeholder"
  | "nested-placeholder";

/**
 * One syntax error. `offset` and `length` are in UTF-16 code units (string indices);
 * `line` and `column` are 1-based, the column counted in Unicode code points.
 */
export interface TemplateSyntaxIssue {
  readonly code: TemplateSyntaxErrorCode;
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/** Thrown for content with syntax errors; `errors` holds every one of them, not just the first. */
export class TemplateSyntaxError extends PromptmillError {
  override readonly name = "TemplateSyntaxError" as const;
  readonly errors: readonly TemplateSyntaxIssue[];

  constructor(errors: readonly TemplateSyntaxIssue[]) {
    const count = errors.length === 1 ? "1 syntax error" : `${errors.length} syntax errors`;
    const lines = errors.map(
      (issue) => `  ${issue.line}:${issue.column} ${issue.code}: ${issue.message}`,
    );
    super([`Template has ${count}:`, ...lines].join("\n"));
    this.errors = errors;
  }
}

/** A strict render found no value for one or more variables; `missing` names all of them. */
export class MissingVariablesError extends PromptmillError {
  override readonly name = "MissingVariablesError" as const;
  readonly missing: readonly string[];

  constructor(missing: readonly string[]) {
    const list = missing.map((name) => JSON.stringify(name)).join(", ");
    const what =
      missing.length === 1 ? "a value for template variable" : "values for template variables";
    super(`Missing ${what} ${list}`);
    this.missing = missing;
  }
}

/**
 * A value that cannot become text without guessing (an object, array, function or symbol).
 * The message names the variable and the kind of value, never the value itself: values
 * may hold anything, secrets included.
 */
export class TemplateValueError extends PromptmillError {
  override readonly name = "TemplateValueError" as const;
  readonly variable: string;
  readonly valueKind: string;

  constructor(variable: string, valueKind: string) {
    super(
      `The value of template variable ${JSON.stringify(variable)} is ${valueKind}; ` +
        "expected a string, number, bigint or boolean",
    );
    this.variable = variable;
    this.valueKind = valueKind;
  }
}

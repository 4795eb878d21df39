import {
  compileTemplate,
  extractVariables,
  MissingVariablesError,
  parseTemplate,
  type RenderValues,
  scanSimpleVariables,
  type TemplateAst,
  type TemplateSyntaxIssue,
  TemplateValueError,
} from "@promptmill/core";
import { DEFAULT_LIMITS, type ImportLimits } from "./import-options.js";
import type { TemplateCsvRow } from "./read-template-csv.js";
import type { RejectReason } from "./reject-reason.js";

export interface RowProblem {
  readonly reason: RejectReason;
  readonly message: string;
}

export interface RowCheck {
  /** No problems: the row may be sent. */
  readonly ok: boolean;
  readonly problems: readonly RowProblem[];
  /** The variables the content uses, in first-seen order; none when it was too long to parse. */
  readonly variables: readonly string[];
}

export interface CheckRowOptions {
  readonly limits?: Partial<ImportLimits> | undefined;
  /**
   * Names of earlier rows of the same file, with the line of their first row: a name found
   * here makes this row `name-duplicate-in-file`. The caller adds each row's name after it.
   */
  readonly earlierNames?: ReadonlyMap<string, number> | undefined;
}

/** A variable name as the template language reads it: letters, marks, digits, `_`. */
const VARIABLE_NAME = /^[\p{L}\p{M}\p{Nd}_]+$/u;

/** How many syntax errors a message lists before saying "and N more". */
const LISTED_SYNTAX_ERRORS = 3;

/**
 * The coverage check of one row, run before anything is sent. It finds every problem of the
 * row, not only the first, each with a reason code and a message that says where. Content is
 * parsed at most once, and not at all when it is over the length limit (its syntax is then
 * not judged): a row costs time in proportion to what the limits allow.
 */
export function checkRow(row: TemplateCsvRow, options: CheckRowOptions = {}): RowCheck {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const problems: RowProblem[] = [];
  const add = (reason: RejectReason, message: string) => problems.push({ reason, message });

  if (row.name.trim() === "") add("name-empty", "the name is empty");
  const nameLength = codePointLength(row.name);
  if (nameLength > limits.nameMaxLength) {
    add(
      "name-too-long",
      `the name has ${nameLength} characters; the limit is ${limits.nameMaxLength}`,
    );
  }
  const firstLine = options.earlierNames?.get(row.name);
  if (firstLine !== undefined) add("name-duplicate-in-file", `line ${firstLine} has the same name`);

  if (row.content === "") add("content-empty", "the content is empty");
  const contentLength = codePointLength(row.content);
  if (contentLength > limits.contentMaxLength) {
    add(
      "content-too-long",
      `the content has ${contentLength} characters; the limit is ${limits.contentMaxLength}`,
    );
    // Refused already: the content is not parsed, so no row costs more than the limit allows.
    return { ok: false, problems, variables: [] };
  }

  const sample = readSample(row);
  const rendersSample = sample !== undefined && "values" in sample;
  const { variables, errors, ast } = readTemplate(row.content, rendersSample);
  if (errors.length > 0) {
    const listed = errors
      .slice(0, LISTED_SYNTAX_ERRORS)
      .map((error) => `content ${error.line}:${error.column} ${error.code}: ${error.message}`);
    if (errors.length > LISTED_SYNTAX_ERRORS) {
      listed.push(`and ${errors.length - LISTED_SYNTAX_ERRORS} more`);
    }
    add("template-syntax", listed.join("; "));
  } else {
    // With syntax errors the set of variables is incomplete, so coverage is not judged.
    checkDeclaredVariables(row, variables, add);
    if (sample !== undefined && "invalid" in sample) add("sample-invalid", sample.invalid);
    else if (rendersSample && ast !== undefined) checkSample(ast, sample.values, add);
  }
  return { ok: problems.length === 0, problems, variables };
}

function checkDeclaredVariables(
  row: TemplateCsvRow,
  used: readonly string[],
  add: (reason: RejectReason, message: string) => void,
): void {
  if (row.variables === undefined) return;
  const declared = parseDeclaredVariables(row.variables);
  if ("error" in declared) {
    add("variables-invalid", declared.error);
    return;
  }
  const declaredSet = new Set(declared.names);
  const usedSet = new Set(used);
  const undeclared = used.filter((name) => !declaredSet.has(name));
  const unused = declared.names.filter((name) => !usedSet.has(name));
  if (undeclared.length > 0) {
    add(
      "variable-undeclared",
      `the content uses ${listNames(undeclared)}, not declared in variables`,
    );
  }
  if (unused.length > 0) {
    add("variable-unused", `variables declares ${listNames(unused)}, not used in the content`);
  }
}

/**
 * A `variables` cell: a JSON array of names, or names separated by `;` or `,` (spaces
 * around them ignored). An empty cell declares none.
 */
function parseDeclaredVariables(cell: string): { names: string[] } | { error: string } {
  const text = cell.trim();
  let names: string[];
  if (text.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { error: "variables starts with [ but is not a JSON array" };
    }
    if (!Array.isArray(parsed) || !parsed.every((name) => typeof name === "string")) {
      return { error: "variables must be a JSON array of strings" };
    }
    names = parsed.map((name: string) => name.trim());
  } else {
    names = text.split(/[;,]/).map((name) => name.trim());
    names = names.filter((name) => name !== "");
  }
  const invalid = names.filter((name) => !VARIABLE_NAME.test(name));
  if (invalid.length > 0) {
    return {
      error: `${listNames(invalid)} ${invalid.length === 1 ? "is not a" : "are not"} valid variable name${invalid.length === 1 ? "" : "s"} (letters, digits, _)`,
    };
  }
  return { names: [...new Set(names)] };
}

/**
 * The content's variables and syntax errors, and its AST when `withAst` (only rendering a
 * sample needs one). Core's scanner reads content without syntax errors, and only such
 * content, for a small part of a parse's cost, building no AST; the parser runs when an AST is
 * needed or when the content has errors, to say where they are. Either way, at most one parse.
 */
function readTemplate(
  content: string,
  withAst: boolean,
): {
  variables: readonly string[];
  errors: readonly TemplateSyntaxIssue[];
  ast: TemplateAst | undefined;
} {
  const scanned = withAst ? undefined : scanSimpleVariables(content);
  if (scanned !== undefined) return { variables: scanned, errors: [], ast: undefined };
  const { ast, errors } = parseTemplate(content);
  return { variables: extractVariables(ast), errors, ast };
}

type SampleValues = Record<string, RenderValues[string]>;

/**
 * Sample values come from the `sample` cell (a JSON object) and the `var.<name>` cells, which
 * win. An empty cell gives no value (to sample an empty text, write `""` in the JSON object).
 * Undefined when no value is given; `invalid` says why the `sample` cell cannot be used.
 */
function readSample(
  row: TemplateCsvRow,
): { values: SampleValues } | { invalid: string } | undefined {
  const values: SampleValues = {};
  let given = false;
  if (row.sample !== undefined && row.sample.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.sample);
    } catch {
      return { invalid: "sample is not valid JSON" };
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return { invalid: "sample must be a JSON object of variable values" };
    }
    Object.assign(values, parsed);
    given = true;
  }
  for (const [variable, value] of row.sampleColumns) {
    values[variable] = value;
    given = true;
  }
  return given ? { values } : undefined;
}

/** When sample values are given, the content must render with them in strict mode. */
function checkSample(
  ast: TemplateAst,
  values: SampleValues,
  add: (reason: RejectReason, message: string) => void,
) {
  try {
    compileTemplate(ast, { mode: "strict" })(values);
  } catch (error) {
    if (error instanceof MissingVariablesError) {
      add("sample-incomplete", `no sample value for ${listNames(error.missing)}`);
    } else if (error instanceof TemplateValueError) {
      add("sample-invalid", error.message);
    } else {
      throw error;
    }
  }
}

function listNames(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(", ");
}

/** Length in Unicode code points, as the service counts; a surrogate pair is one. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

import {
  type CreatePromptTemplateRequest,
  createPromptTemplateRequestSchema,
  type DeletePromptTemplateRequest,
  deletePromptTemplateRequestSchema,
  type GetPromptTemplateRequest,
  getPromptTemplateRequestSchema,
  isKnownErrorCode,
  type KnownErrorCode,
  type ListPromptTemplatesRequest,
  listPromptTemplatesRequestSchema,
  OPERATIONS,
  type OperationName,
  type QueryValues,
  type UpdatePromptTemplateRequest,
  updatePromptTemplateRequestSchema,
} from "@promptmill/core";
import { z } from "zod";
import type { ServiceSettings } from "../settings.js";
import { codePointLength } from "./code-point-length.js";
import type { CodedError } from "./error-response.js";

/**
 * Each operation's request schema in @promptmill/core: which query parameters exist, their
 * types, and (as metadata) the error code for each and what it means. The client validates its
 * input with the same schemas. This file adds only what is the local service's own: how a
 * value is written in the URL, and the limits its settings give.
 */
const REQUEST_SCHEMAS = {
  CreatePromptTemplate: createPromptTemplateRequestSchema,
  GetPromptTemplate: getPromptTemplateRequestSchema,
  UpdatePromptTemplate: updatePromptTemplateRequestSchema,
  DeletePromptTemplate: deletePromptTemplateRequestSchema,
  ListPromptTemplates: listPromptTemplatesRequestSchema,
} as const satisfies Record<OperationName, z.ZodObject>;

type QueryParams<Request> = Omit<Request, "workspaceId" | "promptTemplateId">;

/** The checked parameters an operation's handler gets (List's `maxResults` always set). */
export interface OperationParams {
  CreatePromptTemplate: QueryParams<CreatePromptTemplateRequest>;
  GetPromptTemplate: QueryParams<GetPromptTemplateRequest>;
  UpdatePromptTemplate: QueryParams<UpdatePromptTemplateRequest>;
  DeletePromptTemplate: QueryParams<DeletePromptTemplateRequest>;
  ListPromptTemplates: QueryParams<ListPromptTemplatesRequest> & { maxResults: number };
}

/** One query parameter of one operation, as this service checks it. */
export interface ParameterRule {
  readonly name: string;
  readonly required: boolean;
  readonly errorCode: KnownErrorCode;
  /** What the parameter is, from its definition in core. */
  readonly description: string;
  /** What a valid value is here, completing "The parameter x must be …". */
  readonly requirement: string;
  /** Checks and decodes the value as received (a string, or undefined when absent). */
  readonly schema: z.ZodType;
}

export type CheckedParams<Name extends OperationName> =
  | { ok: true; params: OperationParams[Name] }
  | { ok: false; error: CodedError };

/** The parameter rules of every operation under these settings, and the check built from them. */
export class OperationParameters {
  readonly rules: Readonly<Record<OperationName, readonly ParameterRule[]>>;
  readonly #objects: Record<OperationName, z.ZodObject>;

  constructor(settings: ServiceSettings) {
    const rules = {} as Record<OperationName, ParameterRule[]>;
    const objects = {} as Record<OperationName, z.ZodObject>;
    for (const operation of Object.keys(OPERATIONS) as OperationName[]) {
      const list = OPERATIONS[operation].query.map((name) => ruleFor(operation, name, settings));
      rules[operation] = list;
      // Strict: a parameter the operation does not document is refused, never ignored. A
      // name holding `=` or `&` can only be one of those, so a query re-encoded to make
      // two parameters sign as one (names are not encoded in the canonical query) fails.
      objects[operation] = z.strictObject(
        Object.fromEntries(list.map((rule) => [rule.name, rule.schema])),
      );
    }
    this.rules = rules;
    this.#objects = objects;
  }

  /** The decoded query of one request: every parameter known to the operation and valid. */
  check<Name extends OperationName>(operation: Name, query: QueryValues): CheckedParams<Name> {
    const parsed = this.#objects[operation].safeParse(query);
    if (parsed.success) return { ok: true, params: parsed.data as OperationParams[Name] };
    const { issues } = parsed.error;
    // An unknown parameter first: it may be a known one misspelt, which then seems missing.
    const unknown = issues.find((issue) => issue.code === "unrecognized_keys");
    if (unknown?.code === "unrecognized_keys") {
      return { ok: false, error: unknownParameter(operation, unknown.keys[0] ?? "", this.rules) };
    }
    const issue = issues[0];
    const rule = this.rules[operation].find((candidate) => candidate.name === issue?.path[0]);
    if (!rule) throw new Error(`Unexpected parameter issue: ${issue?.message}`);
    const value = query[rule.name];
    const message =
      value === undefined
        ? `The parameter ${rule.name} is required.`
        : `The parameter ${rule.name} must be ${rule.requirement}.`;
    return { ok: false, error: { code: rule.errorCode, message } };
  }

  /** The error for a parameter whose bytes could not be decoded. */
  undecodable(operation: OperationName, parameter: string, problem: string): CodedError {
    const rule = this.rules[operation].find((candidate) => candidate.name === parameter);
    if (!rule) return unknownParameter(operation, parameter, this.rules);
    return { code: rule.errorCode, message: `The parameter ${rule.name} ${problem}.` };
  }
}

function unknownParameter(
  operation: OperationName,
  parameter: string,
  rules: Readonly<Record<OperationName, readonly ParameterRule[]>>,
): CodedError {
  const accepted = rules[operation].map((rule) => rule.name);
  return {
    code: "InvalidParameter",
    message: `${operation} has no parameter ${JSON.stringify(parameter)}; it takes ${
      accepted.length === 0 ? "none" : accepted.join(", ")
    }.`,
  };
}

/** The definition in core: its schema without `.optional()`, and its metadata. */
function definitionOf(operation: OperationName, name: string) {
  const shape: Record<string, z.ZodType> = REQUEST_SCHEMAS[operation].shape;
  const definition = shape[name];
  if (!definition) throw new Error(`${operation}.${name} has no schema in @promptmill/core`);
  const optional = definition instanceof z.ZodOptional;
  const schema = (optional ? definition.unwrap() : definition) as z.ZodType;
  const meta = schema.meta();
  const errorCode = meta?.errorCode;
  if (typeof errorCode !== "string" || !isKnownErrorCode(errorCode)) {
    throw new Error(`${operation}.${name} has no error code in @promptmill/core`);
  }
  return { schema, optional, errorCode, description: meta?.description ?? "" };
}

/**
 * JSON Schema counts `minLength`/`maxLength` in code points, as these checks do; zod's own
 * `.min()`/`.max()` count UTF-16 units, so the bounds are stated as annotations instead.
 */
function codePoints(schema: z.ZodString, least: number, most: number, notBlank: boolean) {
  return schema
    .check(
      z.refine((value: string) => {
        const length = codePointLength(value);
        return length >= least && length <= most && (!notBlank || value.trim() !== "");
      }),
    )
    .meta({ ...(least > 0 ? { minLength: least } : {}), maxLength: most });
}

/** Digits only: "1e1", "+5", " 5", "5.0" and "05" are not what a client meant to send. */
const DECIMAL = /^[1-9][0-9]{0,8}$/;

function ruleFor(operation: OperationName, name: string, settings: ServiceSettings): ParameterRule {
  const definition = definitionOf(operation, name);
  const list = operation === "ListPromptTemplates";
  let schema: z.ZodType;
  let requirement: string;
  switch (name) {
    case "name": {
      const most = settings.nameMaxLength;
      schema = list
        ? codePoints(definition.schema as z.ZodString, 0, most, false)
        : codePoints(definition.schema as z.ZodString, 1, most, true);
      requirement = list
        ? `at most ${most} characters (code points)`
        : `1 to ${most} characters (code points), not only whitespace`;
      break;
    }
    case "content": {
      const most = settings.contentMaxLength;
      schema = codePoints(definition.schema as z.ZodString, 1, most, false);
      requirement = `1 to ${most} characters (code points)`;
      break;
    }
    case "maxResults": {
      const limit = settings.maxResultsLimit;
      schema = z
        .string()
        .regex(DECIMAL)
        .transform(Number)
        .pipe((definition.schema as z.ZodNumber).min(1).max(limit));
      requirement = `an integer from 1 to ${limit}, in decimal digits`;
      break;
    }
    case "type":
      schema = definition.schema;
      requirement = "System or Custom";
      break;
    case "nextToken":
      schema = definition.schema;
      requirement = "the nextToken of a page of this List: same workspace, name and type";
      break;
    default:
      throw new Error(`${operation}.${name} has no rule in the local service`);
  }
  if (name === "maxResults") {
    schema = (schema as z.ZodPipe).default(settings.defaultMaxResults);
  } else if (definition.optional) {
    schema = schema.optional();
  }
  if (list) {
    // An empty List parameter counts as absent (`name=` lists everything): a form that
    // leaves a field blank should not turn into an error.
    schema = z.preprocess((value) => (value === "" ? undefined : value), schema);
  }
  return {
    name,
    required: !definition.optional,
    errorCode: definition.errorCode,
    description: definition.description,
    requirement,
    schema,
  };
}

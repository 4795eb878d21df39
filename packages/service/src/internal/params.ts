import type { KnownErrorCode, QueryValues, TemplateType } from "@promptmill/core";
import type { ServiceSettings } from "../settings.js";

export interface ParamError {
  code: KnownErrorCode;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ParamError };

function fail<T>(code: KnownErrorCode, message: string): Checked<T> {
  return { ok: false, error: { code, message } };
}

/**
 * Lengths are counted in code points, so an emoji or a CJK character counts once: UTF-16
 * units less one per surrogate pair, as `for…of` would count them (a lone surrogate counts
 * once). Counted by char code, since `for…of` makes a string of every non-ASCII character.
 */
function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
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

/** `required` is false for Update, where an absent name means "keep it". */
export function checkName(
  name: string | undefined,
  settings: ServiceSettings,
  required: boolean,
): Checked<string | undefined> {
  if (name === undefined) {
    return required ? fail("PromptTemplate.NameInvalid", "The name is required.") : ok(undefined);
  }
  if (name.trim() === "" || codePointLength(name) > settings.nameMaxLength) {
    return fail(
      "PromptTemplate.NameInvalid",
      `The name must be 1 to ${settings.nameMaxLength} characters and not only whitespace.`,
    );
  }
  return ok(name);
}

export function checkContent(
  content: string | undefined,
  settings: ServiceSettings,
  required: boolean,
): Checked<string | undefined> {
  if (content === undefined) {
    return required
      ? fail("PromptTemplate.ContentInvalid", "The content is required.")
      : ok(undefined);
  }
  if (content === "" || codePointLength(content) > settings.contentMaxLength) {
    return fail(
      "PromptTemplate.ContentInvalid",
      `The content must be 1 to ${settings.contentMaxLength} characters.`,
    );
  }
  return ok(content);
}

export interface ListParams {
  nameContains: string | undefined;
  type: TemplateType | undefined;
  maxResults: number;
  nextToken: string | undefined;
}

/**
 * An empty list parameter counts as absent (`name=` lists everything): a form that leaves a
 * field blank should not turn into an error.
 */
export function checkListParams(
  query: QueryValues,
  settings: ServiceSettings,
): Checked<ListParams> {
  const blankToUndefined = (value: string | undefined) => (value === "" ? undefined : value);
  const nameContains = blankToUndefined(query.name);
  const type = blankToUndefined(query.type);
  const maxResults = blankToUndefined(query.maxResults);
  const nextToken = blankToUndefined(query.nextToken);

  if (nameContains !== undefined && codePointLength(nameContains) > settings.nameMaxLength) {
    return fail(
      "PromptTemplate.NameInvalid",
      `The name keyword must be at most ${settings.nameMaxLength} characters.`,
    );
  }
  if (type !== undefined && type !== "System" && type !== "Custom") {
    return fail("PromptTemplate.TypeInvalid", "The type must be System or Custom.");
  }
  let pageSize = settings.defaultMaxResults;
  if (maxResults !== undefined) {
    // Digits only: "1e1", "+5", " 5" and "5.0" are not what a client meant to send.
    pageSize = /^\d{1,9}$/.test(maxResults) ? Number(maxResults) : 0;
    if (pageSize < 1 || pageSize > settings.maxResultsLimit) {
      return fail(
        "PromptTemplate.MaxResultsInvalid",
        `maxResults must be an integer from 1 to ${settings.maxResultsLimit}.`,
      );
    }
  }
  return ok({ nameContains, type, maxResults: pageSize, nextToken });
}

function ok<T>(value: T): Checked<T> {
  return { ok: true, value };
}

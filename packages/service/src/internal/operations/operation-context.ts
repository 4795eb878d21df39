import type { QueryValues } from "@promptmill/core";
import type { ServiceSettings } from "../../settings.js";
import type { TemplateStore } from "../../store/template-store.js";
import type { NextTokenCodec } from "../next-token.js";
import type { ParamError } from "../params.js";

/** What an operation handler gets: the request's parameters and the service's parts. */
export interface OperationContext {
  workspaceId: string;
  /** Present for the operations whose path names a template. */
  promptTemplateId: string;
  /** Decoded query parameters. */
  query: QueryValues;
  settings: ServiceSettings;
  store: TemplateStore;
  variablesOf: (content: string) => string[];
  nextTokens: () => Promise<NextTokenCodec>;
}

/** A success body without its requestId (the app adds it), or a product error. */
export type OperationOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: ParamError };

export type OperationHandler = (context: OperationContext) => Promise<OperationOutcome>;

export function success(body: Record<string, unknown>): OperationOutcome {
  return { ok: true, body };
}

export function failure(error: ParamError): OperationOutcome {
  return { ok: false, error };
}

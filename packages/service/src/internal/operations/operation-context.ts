import type { OperationName } from "@promptmill/core";
import type { ServiceSettings } from "../../settings.js";
import type { TemplateStore } from "../../store/template-store.js";
import type { CodedError } from "../error-response.js";
import type { NextTokenCodec } from "../next-token.js";
import type { OperationParams } from "../operation-parameters.js";

/** What an operation handler gets: the request's parameters and the service's parts. */
export interface OperationContext<Name extends OperationName> {
  workspaceId: string;
  /** Present for the operations whose path names a template. */
  promptTemplateId: string;
  /** The query parameters, already checked against the operation's rules. */
  params: OperationParams[Name];
  settings: ServiceSettings;
  store: TemplateStore;
  variablesOf: (content: string) => string[];
  nextTokens: () => Promise<NextTokenCodec>;
}

/** A success body without its requestId (the app adds it), or a product error. */
export type OperationOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: CodedError };

export type OperationHandler<Name extends OperationName> = (
  context: OperationContext<Name>,
) => Promise<OperationOutcome>;

export function success(body: Record<string, unknown>): OperationOutcome {
  return { ok: true, body };
}

export function failure(error: CodedError): OperationOutcome {
  return { ok: false, error };
}

import { PromptmillError } from "../errors/promptmill-error.js";
import type { OperationName } from "./operations.js";
import { describeIssues, type SchemaIssue } from "./schema-issues.js";

export interface ResponseValidationErrorInit {
  operation: OperationName;
  status: number;
  requestId?: string | undefined;
  issues: SchemaIssue[];
  cause?: unknown;
}

/**
 * A success response that is not what the API documents: the service changed shape, or
 * something other than the service (a proxy, a captive portal) answered. Not retried.
 */
export class ResponseValidationError extends PromptmillError {
  override readonly name: string = "ResponseValidationError";
  readonly operation: OperationName;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly issues: readonly SchemaIssue[];

  constructor(init: ResponseValidationErrorInit) {
    super(
      `${init.operation} returned an unexpected response (HTTP ${init.status}${
        init.requestId ? `, request ${init.requestId}` : ""
      }): ${describeIssues(init.issues)}`,
      { cause: init.cause },
    );
    this.operation = init.operation;
    this.status = init.status;
    this.requestId = init.requestId;
    this.issues = init.issues;
  }
}

import { PromptmillError } from "../errors/promptmill-error.js";
import type { OperationName } from "./operations.js";
import { describeIssues, type SchemaIssue } from "./schema-issues.js";

/** The client refused the input before sending anything: the request could not be well formed. */
export class RequestValidationError extends PromptmillError {
  override readonly name: string = "RequestValidationError";
  readonly operation: OperationName;
  readonly issues: readonly SchemaIssue[];

  constructor(operation: OperationName, issues: SchemaIssue[]) {
    super(`${operation} was not sent: ${describeIssues(issues)}`);
    this.operation = operation;
    this.issues = issues;
  }
}

import { PromptmillError } from "@promptmill/core";

/** A problem with the command line or the environment: exit code 1, nothing sent. */
export class UsageError extends PromptmillError {
  override readonly name: string = "UsageError";
}

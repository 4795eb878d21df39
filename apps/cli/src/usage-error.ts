import { PromptmillError } from "@promptmill/core";

/** The user asked for something the CLI cannot do as asked: a missing flag, a bad value, an unreadable file. */
export class UsageError extends PromptmillError {
  override readonly name: string = "UsageError";
}

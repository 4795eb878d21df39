import { PromptmillError } from "../../errors/promptmill-error.js";

/**
 * No usable credentials. `searched` lists each place that was looked at and why it gave
 * nothing; it names files, variables and profiles, never a value read from them.
 */
export class CredentialsError extends PromptmillError {
  override readonly name: string = "CredentialsError";
  readonly searched: readonly string[];

  constructor(message: string, searched: readonly string[] = [], options?: { cause?: unknown }) {
    super(
      searched.length === 0
        ? message
        : `${message}\nLooked in:\n${searched.map((place) => `  - ${place}`).join("\n")}`,
      options,
    );
    this.searched = searched;
  }
}

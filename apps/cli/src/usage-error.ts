/**
 * The user asked for something the CLI cannot do as asked: a missing flag, a bad value, an
 * unreadable file. A plain Error, not a PromptmillError: it never leaves the CLI (the error
 * report turns it into exit code 1), and a module without imports can be used by every
 * command's definition without loading the library at start-up.
 */
export class UsageError extends Error {
  override readonly name: string = "UsageError";
}

const marker = Symbol.for("promptmill.error");

/**
 * The base of every error promptmill throws, in the client, the template language and the
 * local service alike. `isInstance` works across realms and duplicated package copies,
 * where `instanceof` would not (two copies of @promptmill/core in one process).
 */
export class PromptmillError extends Error {
  override readonly name: string = "PromptmillError";
  readonly [marker] = true;

  static isInstance(error: unknown): error is PromptmillError {
    return typeof error === "object" && error !== null && marker in error;
  }
}

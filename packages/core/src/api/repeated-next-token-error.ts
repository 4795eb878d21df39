import { PromptmillError } from "../errors/promptmill-error.js";

/**
 * ListPromptTemplates handed back a nextToken this listing had already used. Following it
 * would loop for ever; stopping there would pass off a partial listing as complete, and a
 * caller that decides from a listing (an import that skips names that exist) would then act
 * on wrong facts. So the listing fails. The token is not repeated in the message: it is the
 * service's opaque cursor and says nothing to a person.
 */
export class RepeatedNextTokenError extends PromptmillError {
  override readonly name: string = "RepeatedNextTokenError";
  /** Pages received before the token came back (the page that repeated it included). */
  readonly pages: number;
  readonly workspaceId: string;

  constructor(init: { workspaceId: string; pages: number }) {
    super(
      `ListPromptTemplates of workspace ${init.workspaceId} returned a nextToken it had already ` +
        `returned (after ${init.pages} page${init.pages === 1 ? "" : "s"}): the listing cannot be ` +
        "completed, so it is not used.",
    );
    this.pages = init.pages;
    this.workspaceId = init.workspaceId;
  }
}

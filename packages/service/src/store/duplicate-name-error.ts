import { PromptmillError } from "@promptmill/core";

/** A write would give a workspace two templates of the same name while names must be unique. */
export class DuplicateNameError extends PromptmillError {
  override readonly name: string = "DuplicateNameError";
  readonly workspaceId: string;
  readonly templateName: string;

  constructor(workspaceId: string, templateName: string) {
    super(`Workspace ${workspaceId} already has a template with this name`);
    this.workspaceId = workspaceId;
    this.templateName = templateName;
  }
}

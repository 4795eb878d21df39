import { PromptmillError } from "../errors/promptmill-error.js";

/** No template has exactly this name (or id) in the workspace, and no fallback holds it. */
export class PromptNotFoundError extends PromptmillError {
  override readonly name: string = "PromptNotFoundError";
  readonly workspaceId: string;
  /** The name asked for, when the lookup was by name. */
  readonly promptName: string | undefined;
  /** The id asked for, when the lookup was by id. */
  readonly promptTemplateId: string | undefined;

  constructor(
    init: { workspaceId: string; promptName?: string; promptTemplateId?: string },
    options?: { cause?: unknown },
  ) {
    const what =
      init.promptName !== undefined
        ? `named ${JSON.stringify(init.promptName)}`
        : `with id ${JSON.stringify(init.promptTemplateId)}`;
    super(`No prompt template ${what} in workspace ${init.workspaceId}`, options);
    this.workspaceId = init.workspaceId;
    this.promptName = init.promptName;
    this.promptTemplateId = init.promptTemplateId;
  }
}

/**
 * Several templates carry exactly this name (the service does not make names unique), so a
 * lookup by name cannot choose one. Ask by id instead: `registry.get({ id })`.
 */
export class AmbiguousPromptNameError extends PromptmillError {
  override readonly name: string = "AmbiguousPromptNameError";
  readonly workspaceId: string;
  readonly promptName: string;
  readonly promptTemplateIds: readonly string[];

  constructor(init: { workspaceId: string; promptName: string; promptTemplateIds: string[] }) {
    super(
      `${init.promptTemplateIds.length} prompt templates are named ${JSON.stringify(init.promptName)} ` +
        `in workspace ${init.workspaceId} (ids ${init.promptTemplateIds.join(", ")}); ask for one by id`,
    );
    this.workspaceId = init.workspaceId;
    this.promptName = init.promptName;
    this.promptTemplateIds = Object.freeze([...init.promptTemplateIds]);
  }
}

/** `renderSync` was asked for a prompt the registry has not loaded yet (it never fetches). */
export class PromptNotCachedError extends PromptmillError {
  override readonly name: string = "PromptNotCachedError";
  readonly promptName: string;

  constructor(promptName: string) {
    super(
      `Prompt ${JSON.stringify(promptName)} is not loaded; preload it or call render() once first`,
    );
    this.promptName = promptName;
  }
}

/** A snapshot file that exists but cannot be used: not JSON, the wrong shape, another workspace. */
export class PromptSnapshotError extends PromptmillError {
  override readonly name: string = "PromptSnapshotError";
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`Snapshot ${file}: ${reason}`, options);
    this.file = file;
  }
}

/** The registry was used after `close()`. */
export class PromptRegistryClosedError extends PromptmillError {
  override readonly name: string = "PromptRegistryClosedError";

  constructor() {
    super("The prompt registry is closed");
  }
}

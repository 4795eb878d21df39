import { PromptmillError } from "@promptmill/core";
import type { FolderProblem } from "./read-prompt-folder.js";

/**
 * The folder cannot be used as it is: files that are not templates, or an ambiguity (two files
 * claiming one id, an id of another workspace). `problems` names each file and place; nothing
 * was written or sent.
 */
export class PromptFolderError extends PromptmillError {
  override readonly name = "PromptFolderError" as const;
  readonly problems: readonly FolderProblem[];

  constructor(problems: readonly FolderProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      [
        `The prompt folder has ${count}:`,
        ...problems.map(
          (problem) => `  ${problem.path}:${problem.line}:${problem.column} ${problem.message}`,
        ),
      ].join("\n"),
    );
    this.problems = problems;
  }
}

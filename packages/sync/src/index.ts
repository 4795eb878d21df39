// The public API of @promptmill/sync. Every exported name is listed here on purpose.

export { adoptByName } from "./adopt-by-name.js";
export {
  type ActionOutcome,
  type ApplyOptions,
  type ApplyResult,
  applyPromptFolder,
  PlanOutdatedError,
} from "./apply-prompt-folder.js";
export { decideSync, type FileWarning, type SyncAction, type SyncDecision } from "./decide-sync.js";
export { PromptFolderError } from "./errors.js";
export {
  assignFileNames,
  type NamedTemplate,
  PROMPT_FILE_EXTENSION,
  readableStem,
} from "./file-name.js";
export { type FolderIndex, indexFolder } from "./folder-index.js";
export { formatSyncPlan } from "./format-sync-plan.js";
export {
  type PlanOptions,
  planChangesWorkspace,
  planCounts,
  planPromptFolder,
  type SyncPlan,
} from "./plan-prompt-folder.js";
export {
  formatPromptFile,
  type PromptFile,
  type PromptFileProblem,
  parsePromptFile,
} from "./prompt-file.js";
export { type PullOptions, type PullResult, pullPromptFolder } from "./pull-prompt-folder.js";
export {
  type FolderFile,
  type FolderProblem,
  type PromptFolder,
  readPromptFolder,
} from "./read-prompt-folder.js";
export {
  fetchWorkspaceTemplates,
  type WorkspaceTemplate,
  workspaceFingerprint,
} from "./workspace-state.js";

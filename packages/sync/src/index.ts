// The public API of @promptmill/sync. Every exported name is listed here on purpose.

export { adoptByName } from "./adopt-by-name.js";
export { PromptFolderError } from "./errors.js";
export {
  assignFileNames,
  type NamedTemplate,
  PROMPT_FILE_EXTENSION,
  readableStem,
} from "./file-name.js";
export { type FolderIndex, indexFolder } from "./folder-index.js";
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

import type { CodedError } from "../error-response.js";

export function templateNotFound(): CodedError {
  return {
    code: "PromptTemplate.TemplateNotFound",
    message: "The prompt template does not exist in this workspace.",
  };
}

/** System templates belong to the service: callers may read them, never change them. */
export function operationDenied(): CodedError {
  return {
    code: "PromptTemplate.OperationDenied",
    message: "System prompt templates cannot be changed or deleted.",
  };
}

/** Only when the uniqueNames setting is on: the real service's rule is not known. */
export function nameDuplicated(): CodedError {
  return {
    code: "PromptTemplate.NameDuplicated",
    message: "A prompt template with this name already exists in the workspace.",
  };
}

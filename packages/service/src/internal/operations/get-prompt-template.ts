import { failure, type OperationHandler, success } from "./operation-context.js";
import { templateNotFound } from "./product-errors.js";

export const getPromptTemplate: OperationHandler<"GetPromptTemplate"> = async (context) => {
  const template = await context.store.get(context.workspaceId, context.promptTemplateId);
  if (!template) return failure(templateNotFound());
  // Get has no `type` field in the real response; List does.
  return success({
    content: template.content,
    name: template.name,
    promptTemplateId: template.promptTemplateId,
    variables: template.variables,
    workspaceId: template.workspaceId,
  });
};

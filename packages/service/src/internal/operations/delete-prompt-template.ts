import { failure, type OperationHandler, success } from "./operation-context.js";
import { operationDenied, templateNotFound } from "./product-errors.js";

export const deletePromptTemplate: OperationHandler<"DeletePromptTemplate"> = async (context) => {
  const { store, workspaceId, promptTemplateId } = context;
  const existing = await store.get(workspaceId, promptTemplateId);
  if (!existing) return failure(templateNotFound());
  if (existing.type === "System") return failure(operationDenied());
  if (!(await store.delete(workspaceId, promptTemplateId))) return failure(templateNotFound());
  return success({});
};

import { DuplicateNameError } from "../../store/duplicate-name-error.js";
import { failure, type OperationHandler, success } from "./operation-context.js";
import { nameDuplicated, operationDenied, templateNotFound } from "./product-errors.js";

export const updatePromptTemplate: OperationHandler<"UpdatePromptTemplate"> = async (context) => {
  const { settings, params, store, workspaceId, promptTemplateId } = context;
  const { name, content } = params;

  const existing = await store.get(workspaceId, promptTemplateId);
  if (!existing) return failure(templateNotFound());
  if (existing.type === "System") return failure(operationDenied());
  // Neither field sent: a partial update that changes nothing succeeds (our choice; the
  // real service does not say). The template was still checked to exist and be Custom.
  if (name === undefined && content === undefined) return success({});

  try {
    const updated = await store.update(
      workspaceId,
      promptTemplateId,
      {
        name,
        content,
        variables: content === undefined ? undefined : context.variablesOf(content),
      },
      { uniqueNames: settings.uniqueNames },
    );
    // Deleted by someone else between the two steps.
    if (!updated) return failure(templateNotFound());
    return success({});
  } catch (error) {
    if (error instanceof DuplicateNameError) return failure(nameDuplicated());
    throw error;
  }
};

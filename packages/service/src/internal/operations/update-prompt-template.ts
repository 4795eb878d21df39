import { DuplicateNameError } from "../../store/duplicate-name-error.js";
import { checkContent, checkName } from "../params.js";
import { failure, type OperationHandler, success } from "./operation-context.js";
import { nameDuplicated, operationDenied, templateNotFound } from "./product-errors.js";

export const updatePromptTemplate: OperationHandler = async (context) => {
  const { settings, query, store, workspaceId, promptTemplateId } = context;
  const name = checkName(query.name, settings, false);
  if (!name.ok) return failure(name.error);
  const content = checkContent(query.content, settings, false);
  if (!content.ok) return failure(content.error);

  const existing = await store.get(workspaceId, promptTemplateId);
  if (!existing) return failure(templateNotFound());
  if (existing.type === "System") return failure(operationDenied());
  // Neither field sent: a partial update that changes nothing succeeds (our choice; the
  // real service does not say). The template was still checked to exist and be Custom.
  if (name.value === undefined && content.value === undefined) return success({});

  try {
    const updated = await store.update(
      workspaceId,
      promptTemplateId,
      {
        name: name.value,
        content: content.value,
        variables: content.value === undefined ? undefined : context.variablesOf(content.value),
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

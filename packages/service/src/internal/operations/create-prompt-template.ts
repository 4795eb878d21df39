import { DuplicateNameError } from "../../store/duplicate-name-error.js";
import { failure, type OperationHandler, success } from "./operation-context.js";
import { nameDuplicated } from "./product-errors.js";

export const createPromptTemplate: OperationHandler<"CreatePromptTemplate"> = async (context) => {
  const { name, content } = context.params;
  try {
    const created = await context.store.create(
      context.workspaceId,
      { name, content, variables: context.variablesOf(content) },
      { uniqueNames: context.settings.uniqueNames },
    );
    return success({ promptTemplateId: created.promptTemplateId });
  } catch (error) {
    if (error instanceof DuplicateNameError) return failure(nameDuplicated());
    throw error;
  }
};

import { DuplicateNameError } from "../../store/duplicate-name-error.js";
import { checkContent, checkName } from "../params.js";
import { failure, type OperationHandler, success } from "./operation-context.js";
import { nameDuplicated } from "./product-errors.js";

export const createPromptTemplate: OperationHandler = async (context) => {
  const { settings, query } = context;
  const name = checkName(query.name, settings, true);
  if (!name.ok) return failure(name.error);
  const content = checkContent(query.content, settings, true);
  if (!content.ok) return failure(content.error);
  const values = { name: name.value ?? "", content: content.value ?? "" };
  try {
    const created = await context.store.create(
      context.workspaceId,
      { ...values, variables: context.variablesOf(values.content) },
      { uniqueNames: settings.uniqueNames },
    );
    return success({ promptTemplateId: created.promptTemplateId });
  } catch (error) {
    if (error instanceof DuplicateNameError) return failure(nameDuplicated());
    throw error;
  }
};

import { listScope } from "../next-token.js";
import { checkListParams } from "../params.js";
import { failure, type OperationHandler, success } from "./operation-context.js";

export const listPromptTemplates: OperationHandler = async (context) => {
  const params = checkListParams(context.query, context.settings);
  if (!params.ok) return failure(params.error);
  const { nameContains, type, maxResults, nextToken } = params.value;

  const tokens = await context.nextTokens();
  const scope = listScope(context.workspaceId, nameContains ?? "", type ?? "");
  let after: number | undefined;
  if (nextToken !== undefined) {
    after = tokens.open(nextToken, scope);
    if (after === undefined) {
      return failure({
        code: "PromptTemplate.NextTokenInvalid",
        message: "The nextToken is not one this service issued for this workspace, name and type.",
      });
    }
  }

  const page = await context.store.list({
    workspaceId: context.workspaceId,
    nameContains,
    type,
    limit: maxResults,
    after,
  });
  return success({
    maxResults,
    // The last page carries an empty token rather than none; clients accept both.
    nextToken: page.nextCursor === undefined ? "" : tokens.seal(page.nextCursor, scope),
    promptTemplates: page.items.map((template) => ({
      content: template.content,
      name: template.name,
      promptTemplateId: template.promptTemplateId,
      type: template.type,
      variables: template.variables,
    })),
    totalCount: page.totalCount,
    workspaceId: context.workspaceId,
  });
};

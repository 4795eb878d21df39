import { listScope } from "../next-token.js";
import { failure, type OperationHandler, success } from "./operation-context.js";

export const listPromptTemplates: OperationHandler<"ListPromptTemplates"> = async (context) => {
  const { name: nameContains, type, maxResults, nextToken } = context.params;

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

/**
 * Where each operation lives on the wire. No operation sends a body: every parameter is in
 * the path or the query string, Create and Update included. The client builds requests from
 * this table and the local service routes by it, so paths and parameter names are written once.
 */
export const API_VERSION = "2023-12-29";

export const OPERATIONS = {
  CreatePromptTemplate: {
    method: "POST",
    path: "/{workspaceId}/promptTemplates",
    query: ["name", "content"],
  },
  GetPromptTemplate: {
    method: "GET",
    path: "/{workspaceId}/promptTemplates/{promptTemplateId}",
    query: [],
  },
  UpdatePromptTemplate: {
    method: "PATCH",
    path: "/{workspaceId}/promptTemplates/{promptTemplateId}",
    query: ["name", "content"],
  },
  DeletePromptTemplate: {
    method: "DELETE",
    path: "/{workspaceId}/promptTemplates/{promptTemplateId}",
    query: [],
  },
  ListPromptTemplates: {
    method: "GET",
    path: "/{workspaceId}/promptTemplates",
    query: ["name", "type", "maxResults", "nextToken"],
  },
} as const;

export type OperationName = keyof typeof OPERATIONS;

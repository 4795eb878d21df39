import { z } from "zod";
import type { KnownErrorCode } from "./error-codes.js";

/**
 * Requests and responses of the five prompt-template operations, shared by the client
 * (which validates every response) and the local service (which validates every request).
 * Responses are `z.object`s: extra fields pass, a missing or mistyped one fails loudly.
 */

/**
 * What the documentation says of a request parameter: the error code the service answers
 * when the parameter is invalid, and what it means. Kept as zod metadata on the parameter's
 * schema, so the client, the local service's validation and its /openapi.json all read the
 * one definition. Limits the real service does not document (lengths, page sizes) are the
 * local service's settings, which it adds on top; the client leaves them to the service.
 */
interface ParameterMeta {
  readonly errorCode: KnownErrorCode;
  readonly description: string;
  [key: string]: unknown;
}

function parameter<Schema extends z.ZodType>(schema: Schema, meta: ParameterMeta): Schema {
  return schema.meta(meta);
}

export const templateTypeSchema = z.enum(["System", "Custom"]);
export type TemplateType = z.infer<typeof templateTypeSchema>;

const workspaceId = z.string().min(1);
const promptTemplateId = z.string().min(1);
const requestId = z.string();

const templateName = parameter(z.string(), {
  errorCode: "PromptTemplate.NameInvalid",
  description: "The template's name.",
});
const templateContent = parameter(z.string(), {
  errorCode: "PromptTemplate.ContentInvalid",
  description: "The template's content, placeholders included.",
});

export const createPromptTemplateRequestSchema = z.object({
  workspaceId,
  name: templateName,
  content: templateContent,
});
export const createPromptTemplateResponseSchema = z.object({
  promptTemplateId,
  requestId,
});

export const getPromptTemplateRequestSchema = z.object({ workspaceId, promptTemplateId });
export const getPromptTemplateResponseSchema = z.object({
  content: z.string(),
  name: z.string(),
  promptTemplateId,
  requestId,
  variables: z.array(z.string()),
  workspaceId,
});

export const updatePromptTemplateRequestSchema = z.object({
  workspaceId,
  promptTemplateId,
  name: templateName.optional(),
  content: templateContent.optional(),
});
export const updatePromptTemplateResponseSchema = z.object({ requestId });

export const deletePromptTemplateRequestSchema = z.object({ workspaceId, promptTemplateId });
export const deletePromptTemplateResponseSchema = z.object({ requestId });

export const listPromptTemplatesRequestSchema = z.object({
  workspaceId,
  /** A keyword: templates whose name contains it. */
  name: parameter(z.string(), {
    errorCode: "PromptTemplate.NameInvalid",
    description: "A keyword: templates whose name contains it.",
  }).optional(),
  type: parameter(templateTypeSchema, {
    errorCode: "PromptTemplate.TypeInvalid",
    description: "Which templates: the service's own (System) or the user's (Custom).",
  }).optional(),
  maxResults: parameter(z.number().int(), {
    errorCode: "PromptTemplate.MaxResultsInvalid",
    description: "The page size.",
  }).optional(),
  nextToken: parameter(z.string(), {
    errorCode: "PromptTemplate.NextTokenInvalid",
    description: "The nextToken of the previous page; absent for the first page.",
  }).optional(),
});
export const promptTemplateSummarySchema = z.object({
  content: z.string(),
  name: z.string(),
  promptTemplateId,
  type: templateTypeSchema,
  variables: z.array(z.string()),
});
export const listPromptTemplatesResponseSchema = z.object({
  maxResults: z.coerce.number(),
  /** Empty or absent on the last page. */
  nextToken: z.string().nullish(),
  promptTemplates: z.array(promptTemplateSummarySchema),
  requestId,
  totalCount: z.coerce.number(),
  workspaceId,
});

/** Error bodies come in either key case: the gateway capitalises (`Code`), the product does not. */
export const errorBodySchema = z
  .object({
    code: z.string().optional(),
    Code: z.string().optional(),
    message: z.string().optional(),
    Message: z.string().optional(),
    requestId: z.string().optional(),
    RequestId: z.string().optional(),
  })
  .transform((body) => ({
    code: body.code ?? body.Code,
    message: body.message ?? body.Message,
    requestId: body.requestId ?? body.RequestId,
  }));

export type CreatePromptTemplateRequest = z.infer<typeof createPromptTemplateRequestSchema>;
export type CreatePromptTemplateResponse = z.infer<typeof createPromptTemplateResponseSchema>;
export type GetPromptTemplateRequest = z.infer<typeof getPromptTemplateRequestSchema>;
export type GetPromptTemplateResponse = z.infer<typeof getPromptTemplateResponseSchema>;
export type UpdatePromptTemplateRequest = z.infer<typeof updatePromptTemplateRequestSchema>;
export type UpdatePromptTemplateResponse = z.infer<typeof updatePromptTemplateResponseSchema>;
export type DeletePromptTemplateRequest = z.infer<typeof deletePromptTemplateRequestSchema>;
export type DeletePromptTemplateResponse = z.infer<typeof deletePromptTemplateResponseSchema>;
export type ListPromptTemplatesRequest = z.infer<typeof listPromptTemplatesRequestSchema>;
export type ListPromptTemplatesResponse = z.infer<typeof listPromptTemplatesResponseSchema>;
export type PromptTemplateSummary = z.infer<typeof promptTemplateSummarySchema>;

import {
  API_VERSION,
  createPromptTemplateRequestSchema,
  createPromptTemplateResponseSchema,
  deletePromptTemplateRequestSchema,
  deletePromptTemplateResponseSchema,
  ERROR_CODES,
  getPromptTemplateRequestSchema,
  getPromptTemplateResponseSchema,
  listPromptTemplatesRequestSchema,
  listPromptTemplatesResponseSchema,
  OPERATIONS,
  type OperationName,
  updatePromptTemplateRequestSchema,
  updatePromptTemplateResponseSchema,
} from "@promptmill/core";
import { z } from "zod";
import { isGatewayCode } from "./error-response.js";
import type { OperationParameters } from "./operation-parameters.js";

const SCHEMAS: Record<OperationName, { request: z.ZodObject; response: z.ZodObject }> = {
  CreatePromptTemplate: {
    request: createPromptTemplateRequestSchema,
    response: createPromptTemplateResponseSchema,
  },
  GetPromptTemplate: {
    request: getPromptTemplateRequestSchema,
    response: getPromptTemplateResponseSchema,
  },
  UpdatePromptTemplate: {
    request: updatePromptTemplateRequestSchema,
    response: updatePromptTemplateResponseSchema,
  },
  DeletePromptTemplate: {
    request: deletePromptTemplateRequestSchema,
    response: deletePromptTemplateResponseSchema,
  },
  ListPromptTemplates: {
    request: listPromptTemplatesRequestSchema,
    response: listPromptTemplatesResponseSchema,
  },
};

const productErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
});

const gatewayErrorSchema = z.object({
  RequestId: z.string(),
  HostId: z.string(),
  Code: z.string(),
  Message: z.string(),
  Recommend: z.string(),
});

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

/**
 * An OpenAPI 3.1 document of the five operations, built from OPERATIONS, the shared schemas
 * and the very parameter rules requests are checked with, so it says what this instance
 * accepts under its settings.
 */
export function buildOpenApiDocument(operationParameters: OperationParameters): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, operation] of Object.entries(OPERATIONS) as [
    OperationName,
    (typeof OPERATIONS)[OperationName],
  ][]) {
    const { request, response } = SCHEMAS[operationId];
    const requestProperties = (jsonSchema(request, "input").properties ?? {}) as Record<
      string,
      JsonSchema
    >;
    const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "");
    const parameters = [
      ...pathNames.map((name) => ({
        name,
        in: "path",
        required: true,
        schema: requestProperties[name] ?? { type: "string" },
      })),
      ...operationParameters.rules[operationId].map((rule) => ({
        name: rule.name,
        in: "query",
        required: rule.required,
        description: `${rule.description} Must be ${rule.requirement}.`,
        schema: jsonSchema(rule.schema, "output"),
      })),
      {
        name: "x-acs-action",
        in: "header",
        required: true,
        schema: { const: operationId },
      },
      { name: "x-acs-version", in: "header", required: true, schema: { const: API_VERSION } },
    ];
    const errorCodes = Object.entries(ERROR_CODES) as [
      keyof typeof ERROR_CODES,
      { status: number },
    ][];
    const errorStatuses = new Map<number, { product: boolean; gateway: boolean }>();
    for (const [code, info] of errorCodes) {
      const entry = errorStatuses.get(info.status) ?? { product: false, gateway: false };
      if (isGatewayCode(code)) entry.gateway = true;
      else entry.product = true;
      errorStatuses.set(info.status, entry);
    }
    const responses: Record<string, unknown> = {
      "200": {
        description: "Success",
        content: { "application/json": { schema: jsonSchema(response, "output") } },
      },
    };
    for (const [status, kinds] of [...errorStatuses].sort(([a], [b]) => a - b)) {
      const variants = [
        ...(kinds.product ? [{ $ref: "#/components/schemas/ProductError" }] : []),
        ...(kinds.gateway ? [{ $ref: "#/components/schemas/GatewayError" }] : []),
      ];
      responses[String(status)] = {
        description: errorCodes
          .filter(([, info]) => info.status === status)
          .map(([code]) => code)
          .join(", "),
        content: {
          "application/json": { schema: variants.length === 1 ? variants[0] : { oneOf: variants } },
        },
      };
    }
    const openApiPath = operation.path;
    paths[openApiPath] ??= {};
    paths[openApiPath][operation.method.toLowerCase()] = {
      operationId,
      parameters,
      security: [{ acs3: [] }],
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "promptmill local service: Model Studio prompt templates",
      version: API_VERSION,
      description:
        "The five prompt-template operations of Alibaba Cloud Model Studio (bailian, 2023-12-29), served locally. Every parameter travels in the path or the query string; no operation takes a body.",
    },
    paths,
    components: {
      schemas: {
        ProductError: jsonSchema(productErrorSchema, "output"),
        GatewayError: jsonSchema(gatewayErrorSchema, "output"),
      },
      securitySchemes: {
        acs3: {
          type: "apiKey",
          in: "header",
          name: "Authorization",
          description:
            "ACS3-HMAC-SHA256 (Alibaba Cloud signature V3) over the method, path, query and the x-acs-* and host headers.",
        },
      },
    },
  };
}

// The public API of @promptmill/core. Every exported name is listed here on purpose:
// what is not listed is internal and may change.

export { PromptmillError } from "./errors/promptmill-error.js";

// --- template language (src/template) ---

// --- API client (src/api) ---
export {
  classifyError,
  ERROR_CODES,
  type ErrorCodeInfo,
  type ErrorKind,
  isKnownErrorCode,
  type KnownErrorCode,
} from "./api/error-codes.js";
export {
  AbortError,
  ApiError,
  type ApiErrorInit,
  AuthError,
  ConnectionError,
  type DeliveryState,
  NotFoundError,
  ServerError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from "./api/errors.js";
export { API_VERSION, OPERATIONS, type OperationName } from "./api/operations.js";
export {
  type CreatePromptTemplateRequest,
  type CreatePromptTemplateResponse,
  createPromptTemplateRequestSchema,
  createPromptTemplateResponseSchema,
  type DeletePromptTemplateRequest,
  type DeletePromptTemplateResponse,
  deletePromptTemplateRequestSchema,
  deletePromptTemplateResponseSchema,
  errorBodySchema,
  type GetPromptTemplateRequest,
  type GetPromptTemplateResponse,
  getPromptTemplateRequestSchema,
  getPromptTemplateResponseSchema,
  type ListPromptTemplatesRequest,
  type ListPromptTemplatesResponse,
  listPromptTemplatesRequestSchema,
  listPromptTemplatesResponseSchema,
  type PromptTemplateSummary,
  promptTemplateSummarySchema,
  type TemplateType,
  templateTypeSchema,
  type UpdatePromptTemplateRequest,
  type UpdatePromptTemplateResponse,
  updatePromptTemplateRequestSchema,
  updatePromptTemplateResponseSchema,
} from "./api/schemas.js";
export {
  buildCanonicalRequest,
  type CanonicalRequest,
  type CanonicalRequestInput,
  EMPTY_PAYLOAD_HASH,
  type HeaderValues,
  hashCanonicalRequest,
  type QueryValues,
  SIGNATURE_ALGORITHM,
} from "./api/signing/canonical-request.js";
export { acsPercentEncode } from "./api/signing/percent-encode.js";
export {
  computeSignature,
  createNonce,
  formatAcsDate,
  type ParsedAuthorization,
  parseAuthorization,
  type Signature,
  type SigningKey,
  signaturesEqual,
} from "./api/signing/sign-request.js";

// The public API of @promptmill/core. Every exported name is listed here on purpose:
// what is not listed is internal and may change.

// --- template language (src/template; also the browser-safe entry @promptmill/core/template) ---

export {
  type CompiledTemplate,
  type CompileOptions,
  compileTemplate,
  extractVariables,
  type LintFinding,
  lintTemplate,
  MissingVariablesError,
  type PlaceholderNode,
  PromptmillError,
  parseTemplate,
  parseTemplateOrThrow,
  printTemplate,
  type RenderMode,
  type RenderValues,
  renderTemplate,
  scanSimpleVariables,
  type TemplateAst,
  type TemplateNode,
  TemplateSyntaxError,
  type TemplateSyntaxErrorCode,
  type TemplateSyntaxIssue,
  TemplateValueError,
  type TextNode,
} from "./template/index.js";

// --- API client (src/api) ---

export {
  type CredentialsProvider,
  ModelStudioClient,
  type ModelStudioClientOptions,
  type RequestOptions,
  type RetryOptions,
  type TemplateChangeEvent,
} from "./api/client.js";
export {
  type AssumedRole,
  type CredentialSource,
  Credentials,
  type CredentialsInput,
} from "./api/credentials/credentials.js";
export { CredentialsError } from "./api/credentials/credentials-error.js";
export type {
  CredentialSupplier,
  RefreshOptions,
} from "./api/credentials/refreshing-credentials.js";
export {
  type ResolveCredentialsOptions,
  resolveCredentialSupplier,
  resolveCredentials,
} from "./api/credentials/resolve-credentials.js";
export {
  DEFAULT_REGION,
  REGION_ENDPOINTS,
  type Region,
  resolveEndpoint,
} from "./api/endpoint.js";
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
  iteratePromptTemplates,
  type PromptTemplateLister,
  paginatePromptTemplates,
} from "./api/paginate.js";
export { RepeatedNextTokenError } from "./api/repeated-next-token-error.js";
export { RequestValidationError } from "./api/request-validation-error.js";
export {
  type ResolvedRegion,
  type ResolveRegionOptions,
  resolveRegion,
} from "./api/resolve-region.js";
export {
  ResponseValidationError,
  type ResponseValidationErrorInit,
} from "./api/response-validation-error.js";
export {
  DEFAULT_RETRY_SETTINGS,
  mayHaveActed,
  type RetryEvent,
  type RetrySettings,
  retryDelayMs,
  shouldRetry,
} from "./api/retry-policy.js";
export type { SchemaIssue } from "./api/schema-issues.js";

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
  createSignedHeaders,
  type SignedHeadersInput,
  type SigningCredentials,
} from "./api/signing/sign-headers.js";

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

// --- text (src/text; also the entry @promptmill/core/text): reading files, printing service text ---

export {
  decodeTextFile,
  invalidUtf8Offset,
  printableBlock,
  printableInline,
  type TextDecodeResult,
} from "./text/index.js";

// --- prompt registry (src/registry) ---

export type { PromptRenderOptions } from "./registry/compiled-prompt.js";
export {
  AmbiguousPromptNameError,
  PromptNotCachedError,
  PromptNotFoundError,
  PromptRegistryClosedError,
  PromptSnapshotError,
} from "./registry/errors.js";
export type { FallbackOptions } from "./registry/fallback-source.js";
export {
  createPromptRegistry,
  type PreloadFailure,
  type PreloadResult,
  type PromptIdRef,
  type PromptName,
  type PromptRegistry,
  type PromptRegistryOptions,
  type PromptSource,
  type RegisteredPrompt,
  type UntypedPrompts,
} from "./registry/prompt-registry.js";
export type { PromptRegistryClient } from "./registry/registry-client.js";
export type { PromptSnapshot, SnapshotTemplate } from "./registry/snapshot-file.js";
export {
  type GeneratePromptTypesOptions,
  generatePromptTypes,
  type PromptTypeSource,
} from "./registry/typegen.js";

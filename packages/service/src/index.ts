// The public API of @promptmill/service. Every exported name is listed here on purpose:
// what is not listed is internal and may change.

export {
  type AccessKeyConfig,
  accessKeyConfigSchema,
  accessKeyListSchema,
  createDevelopmentKey,
  createWorkspaceId,
} from "./access-keys.js";
export {
  createServiceApp,
  type ServiceApp,
  type ServiceAppOptions,
} from "./create-service-app.js";
export {
  DATABASE_URL_ENV,
  DatabaseUrlError,
  redactDatabaseUrl,
  resolveDatabaseUrl,
} from "./database-url.js";
export { FaultInjector } from "./fault-injector.js";
export type { LogFormat } from "./internal/request-log.js";
export {
  resolveServeOptions,
  type ServeOptions,
  ServeOptionsError,
} from "./serve/resolve-serve-options.js";
export { runServe, type ServeOutput } from "./serve/run-serve.js";
export { formatServeBanner, type ServeBannerInput, serveBannerJson } from "./serve/serve-banner.js";
export {
  DEFAULT_DATA_FILE,
  DEFAULT_PORT,
  SERVE_FLAGS,
  type ServeFlagSpec,
  type ServeFlags,
} from "./serve/serve-flags.js";
export { processStopSignal } from "./serve/stop-signal.js";
export {
  DEFAULT_FAULTS,
  DEFAULT_SETTINGS,
  type FaultKind,
  type FaultSettings,
  faultSettingsInputSchema,
  resolveSettings,
  type ServiceSettings,
  type ServiceSettingsInput,
  serviceSettingsInputSchema,
} from "./settings.js";
export {
  type LocalService,
  type LocalServiceOptions,
  startLocalService,
} from "./start-local-service.js";
export {
  type ServiceCluster,
  type ServiceClusterOptions,
  type ServiceClusterPrimary,
  type ServiceClusterWorker,
  startServiceCluster,
} from "./start-service-cluster.js";
export { DuplicateNameError } from "./store/duplicate-name-error.js";
export type { NonceLimits, NonceStore, NonceVerdict } from "./store/nonce-store.js";
export { type PostgresStoreOptions, PostgresTemplateStore } from "./store/postgres-store.js";
export { NewerSchemaError } from "./store/schema-migration.js";
export { SqliteTemplateStore } from "./store/sqlite-store.js";
export type {
  ListPage,
  ListQuery,
  NewTemplate,
  StoredTemplate,
  TemplateChanges,
  TemplateStore,
  WriteOptions,
} from "./store/template-store.js";

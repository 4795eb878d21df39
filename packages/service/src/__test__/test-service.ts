import type { OperationName } from "@promptmill/core";
import type { AccessKeyConfig } from "../access-keys.js";
import {
  type LocalService,
  type LocalServiceOptions,
  startLocalService,
} from "../start-local-service.js";
import { type ApiResponse, callSigned, type SignedCall } from "./signed-request.js";
import { testStoreOptions } from "./test-database.js";

export interface TestService {
  service: LocalService;
  key: AccessKeyConfig;
  workspaceId: string;
  /** A signed call with the service's first key on its first workspace unless told otherwise. */
  call(
    operation: OperationName,
    params?: Partial<Omit<SignedCall, "operation">>,
  ): Promise<ApiResponse>;
  /** Creates a Custom template and returns its id, failing the test on any error. */
  create(name: string, content?: string): Promise<string>;
}

/**
 * A real service on 127.0.0.1 with data of its own: a temporary SQLite file, or a new
 * PostgreSQL database when the test project is the `postgres` one.
 */
export async function startTestService(options: LocalServiceOptions = {}): Promise<TestService> {
  const service = await startLocalService({ ...(await testStoreOptions()), ...options });
  const key = service.accessKeys[0];
  const workspaceId = service.workspaceIds[0];
  if (!key || !workspaceId) throw new Error("the test service has no key");
  const call: TestService["call"] = (operation, params = {}) =>
    callSigned(service.endpoint, { key, workspaceId, ...params, operation });
  return {
    service,
    key,
    workspaceId,
    call,
    async create(name, content = `content of ${name}`) {
      const response = await call("CreatePromptTemplate", { query: { name, content } });
      if (response.status !== 200) {
        throw new Error(`Create failed: ${response.status} ${JSON.stringify(response.body)}`);
      }
      return String(response.body.promptTemplateId);
    },
  };
}

export const UPPERCASE_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
export const TEMPLATE_ID = /^[0-9a-f]{32}$/;

import { testStoreOptions } from "../../__test__/test-database.js";
import type { AccessKeyConfig } from "../../access-keys.js";
import {
  type LocalService,
  type LocalServiceOptions,
  startLocalService,
} from "../../start-local-service.js";
import type { TemplateStore } from "../../store/template-store.js";
import { type RawResponse, sendRaw } from "./raw-http.js";
import { sdkSignedRequest } from "./sdk-signing.js";

/** Two tenants: each key owns one workspace. The attacker holds B; the victim is A. */
export const KEY_A: AccessKeyConfig = {
  accessKeyId: "LTAIattackTenantA0000001",
  accessKeySecret: "secret-of-tenant-a-0000000000001",
  workspaces: ["llm-aaaaaaaaaaaaaaaa"],
};
export const KEY_B: AccessKeyConfig = {
  accessKeyId: "LTAIattackTenantB0000002",
  accessKeySecret: "secret-of-tenant-b-0000000000002",
  workspaces: ["llm-bbbbbbbbbbbbbbbb"],
};
export const WORKSPACE_A = "llm-aaaaaaaaaaaaaaaa";
export const WORKSPACE_B = "llm-bbbbbbbbbbbbbbbb";

/** The real service on 127.0.0.1 with data of its own (on the project's store) and both tenants' keys. */
export async function startAttackedService(
  options: Omit<LocalServiceOptions, "accessKeys"> = {},
): Promise<LocalService> {
  return startLocalService({
    ...(await testStoreOptions()),
    ...options,
    accessKeys: [KEY_A, KEY_B],
  });
}

/** What a workspace holds besides its System templates: proof of what was stored. */
export async function customTemplates(store: TemplateStore, workspaceId: string) {
  const page = await store.list({ workspaceId, type: "Custom", limit: 1_000 });
  return page.items.map(({ name, content }) => ({ name, content }));
}

export interface SignedCall {
  key: AccessKeyConfig;
  action: string;
  method: string;
  /** As sent and signed: percent-encoded. */
  pathname: string;
  query?: Record<string, string>;
}

/** One request signed with the official SDK's signer, sent over its own socket. */
export function signedCall(service: LocalService, call: SignedCall): Promise<RawResponse> {
  return sendRaw(
    service.port,
    sdkSignedRequest({ ...call, query: call.query ?? {}, host: `127.0.0.1:${service.port}` }),
  );
}

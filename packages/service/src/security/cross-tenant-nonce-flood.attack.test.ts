import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import {
  customTemplates,
  KEY_A,
  KEY_B,
  startAttackedService,
  WORKSPACE_A,
  WORKSPACE_B,
} from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { CreatePromptTemplateRequest, captureSdkRequests } from "./__test__/official-sdk.js";
import { type RawResponse, sendRaw } from "./__test__/raw-http.js";
import { sdkSignedRequest } from "./__test__/sdk-signing.js";

/*
 * One tenant could make the service forget another tenant's nonces: the cache was global and
 * evicted the oldest at 100,000 entries, so 100,200 Lists by key B made key A's captured
 * Create replayable. Now no nonce is forgotten before its window ends: each key has a bound
 * of live nonces, and a key at its bound is throttled. Here the bound is 40, so the flood is
 * small; the rule is the same at the default bound (1,000,000).
 */
printAttackTableAfterAll();

const BOUND = 40;
let service: LocalService;
let captured: Buffer;
beforeAll(async () => {
  service = await startAttackedService({ settings: { maxLiveNoncesPerKey: BOUND } });
  const { requests } = await captureSdkRequests(service.port, KEY_A, (client) =>
    client.createPromptTemplate(
      WORKSPACE_A,
      new CreatePromptTemplateRequest({ name: "victim", content: "租户A" }),
    ),
  );
  captured = requests[0] as Buffer;
});
afterAll(() => service.close());

function list(key: typeof KEY_A, workspaceId: string): Promise<RawResponse> {
  return sendRaw(
    service.port,
    sdkSignedRequest({
      method: "GET",
      pathname: `/${workspaceId}/promptTemplates`,
      action: "ListPromptTemplates",
      query: { maxResults: "1" },
      key,
      host: `127.0.0.1:${service.port}`,
    }),
  );
}

describe("a flood of signed requests by one key", () => {
  it("throttles that key at its bound and never makes another key's nonce reusable", async (context) => {
    const flood: RawResponse[] = [];
    for (let i = 0; i < BOUND + 10; i++) flood.push(await list(KEY_B, WORKSPACE_B));
    // One Create by A took one of A's places, none of B's.
    expect(flood.slice(0, BOUND).every((answer) => answer.status === 200)).toBe(true);
    for (const answer of flood.slice(BOUND)) {
      expect(answer.status).toBe(429);
      expect(answer.json()).toMatchObject({ Code: "Throttling.User" });
      // Until the oldest of B's nonces expires: within the 15-minute window plus its date.
      expect(Number(answer.headers["x-acs-retry-after"])).toBeGreaterThan(0);
      expect(Number(answer.headers["x-acs-retry-after"])).toBeLessThanOrEqual(30 * 60_000);
    }

    const replayed = await sendRaw(service.port, captured);
    expect(replayed.json()).toMatchObject({ Code: "SignatureNonceUsed" });
    // B's flood did not shut A out: A's own requests go on.
    expect((await list(KEY_A, WORKSPACE_A)).status).toBe(200);
    expectAllRefused(context, `cross-tenant nonce flood (replay after ${BOUND + 10} by B)`, [
      replayed.status === 200,
    ]);
    expect(await customTemplates(service.store, WORKSPACE_A)).toEqual([
      { name: "victim", content: "租户A" },
    ]);
  });

  it("does not make a key's own captured request replayable when that key is full", async (context) => {
    let answer: RawResponse;
    do answer = await list(KEY_A, WORKSPACE_A);
    while (answer.status === 200);
    expect(answer.json()).toMatchObject({ Code: "Throttling.User" });
    const replayed = await sendRaw(service.port, captured);
    expect(replayed.json()).toMatchObject({ Code: "SignatureNonceUsed" });
    expectAllRefused(context, "replay while the key is full", [replayed.status === 200]);
    expect(await customTemplates(service.store, WORKSPACE_A)).toHaveLength(1);
  });
});

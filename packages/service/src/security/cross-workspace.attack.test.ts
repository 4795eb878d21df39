import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import {
  customTemplates,
  KEY_B,
  type SignedCall,
  signedCall,
  startAttackedService,
  WORKSPACE_A,
  WORKSPACE_B,
} from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";

/*
 * Held before and kept: tenant B, with a valid key of its own, cannot read, change or delete
 * tenant A's templates, by A's workspace or through its own.
 */
printAttackTableAfterAll();

let service: LocalService;
let victimId: string;
let victimToken: string;
beforeAll(async () => {
  service = await startAttackedService();
  const victim = await service.store.create(WORKSPACE_A, {
    name: "tenant A secret plan",
    content: "A's content",
    variables: [],
  });
  victimId = victim.promptTemplateId;
  for (let i = 0; i < 3; i++) {
    await service.store.create(WORKSPACE_A, { name: `page ${i}`, content: "x", variables: [] });
  }
  const page = await service.store.list({ workspaceId: WORKSPACE_A, limit: 1 });
  victimToken = String(page.nextCursor);
});
afterAll(() => service.close());

describe("key B against workspace A", () => {
  it("gets nothing of A's and changes nothing", async (context) => {
    const templates = `/${WORKSPACE_A}/promptTemplates`;
    const victim = `${templates}/${victimId}`;
    const viaOwn = `/${WORKSPACE_B}/promptTemplates/${victimId}`;
    const attempts: Omit<SignedCall, "key">[] = [
      { action: "ListPromptTemplates", method: "GET", pathname: templates },
      { action: "GetPromptTemplate", method: "GET", pathname: victim },
      { action: "UpdatePromptTemplate", method: "PATCH", pathname: victim, query: { name: "x" } },
      { action: "DeletePromptTemplate", method: "DELETE", pathname: victim },
      {
        action: "CreatePromptTemplate",
        method: "POST",
        pathname: templates,
        query: { name: "planted", content: "by B" },
      },
      { action: "GetPromptTemplate", method: "GET", pathname: viaOwn },
      { action: "UpdatePromptTemplate", method: "PATCH", pathname: viaOwn, query: { name: "y" } },
      { action: "DeletePromptTemplate", method: "DELETE", pathname: viaOwn },
      {
        action: "ListPromptTemplates",
        method: "GET",
        pathname: `/${WORKSPACE_B}/promptTemplates`,
        query: { name: "tenant A" },
      },
      {
        action: "ListPromptTemplates",
        method: "GET",
        pathname: `/${WORKSPACE_A.toUpperCase()}/promptTemplates`,
      },
      {
        action: "ListPromptTemplates",
        method: "GET",
        pathname: `/${WORKSPACE_A.replace("-", "%2D")}/promptTemplates`,
      },
      {
        action: "ListPromptTemplates",
        method: "GET",
        pathname: `/${WORKSPACE_B}/promptTemplates`,
        // A raw position, and a token shape: neither was issued for B's workspace.
        query: { nextToken: victimToken },
      },
    ];
    const outcomes = [];
    for (const attempt of attempts) {
      const answer = await signedCall(service, { ...attempt, key: KEY_B });
      expect(answer.status, `${attempt.method} ${attempt.pathname}`).not.toBe(500);
      const leaked = answer.body.includes(victimId) || answer.body.includes("tenant A");
      const changed = answer.status === 200 && attempt.method !== "GET";
      outcomes.push(
        leaked || changed || (answer.status === 200 && attempt.pathname.includes(WORKSPACE_A)),
      );
    }
    expectAllRefused(context, "cross-workspace access", outcomes);
    expect((await customTemplates(service.store, WORKSPACE_A)).map((t) => t.name)).toEqual([
      "tenant A secret plan",
      "page 0",
      "page 1",
      "page 2",
    ]);
    expect(await customTemplates(service.store, WORKSPACE_B)).toEqual([]);
  });
});

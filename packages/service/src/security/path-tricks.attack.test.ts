import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import {
  customTemplates,
  KEY_A,
  signedCall,
  startAttackedService,
  WORKSPACE_A,
  WORKSPACE_B,
} from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";

/*
 * Held before and kept: key A, signing correctly whatever path it sends, cannot reach
 * workspace B through dot segments, encoded slashes, case, doubled slashes or an absolute
 * request target. The service routes and checks permission on one reading of the path.
 */
printAttackTableAfterAll();

let service: LocalService;
let targetId: string;
beforeAll(async () => {
  service = await startAttackedService();
  const target = await service.store.create(WORKSPACE_B, {
    name: "tenant B private",
    content: "B's content",
    variables: [],
  });
  targetId = target.promptTemplateId;
});
afterAll(() => service.close());

describe("paths that try to leave workspace A", () => {
  it("never reach workspace B", async (context) => {
    const a = WORKSPACE_A;
    const b = WORKSPACE_B;
    const t = () => targetId;
    const lists = [
      `/${a}/../${b}/promptTemplates`,
      `/${a}/%2e%2e/${b}/promptTemplates`,
      `/${a}%2F..%2F${b}/promptTemplates`,
      `/${a}%2f%2e%2e%2f${b}/promptTemplates`,
      `//${b}/promptTemplates`,
      `/./${b}/promptTemplates`,
      `/${b}/promptTemplates/`,
      `/${b.toUpperCase()}/promptTemplates`,
      `/%6c${b.slice(1)}/promptTemplates`,
      `/${b}%20/promptTemplates`,
      `/${b};/promptTemplates`,
      `/${a}/promptTemplates/../../${b}/promptTemplates`,
      `/${b}/PromptTemplates`,
      `/${b}%00/promptTemplates`,
      `/${a}%00${b}/promptTemplates`,
      `/${b}/promptTemplates%3Fx`,
    ];
    const gets = [
      `/${a}/promptTemplates/${t()}`,
      `/${a}/promptTemplates/..%2F..%2F${b}%2FpromptTemplates%2F${t()}`,
      `/${a}/promptTemplates/%2e%2e%2f%2e%2e%2f${b}%2fpromptTemplates%2f${t()}`,
      `/${a}/promptTemplates/../../${b}/promptTemplates/${t()}`,
      `/${a}/./promptTemplates/${t()}`,
      `/${a}/promptTemplates/${t().toUpperCase()}`,
      `/${a}/promptTemplates/${t()}%00`,
      `/${b}/promptTemplates/${t()}`,
    ];
    const attempts = [
      ...lists.map((pathname) => ({ action: "ListPromptTemplates", pathname })),
      ...gets.map((pathname) => ({ action: "GetPromptTemplate", pathname })),
    ];
    expect(attempts).toHaveLength(24);
    const outcomes = [];
    for (const { action, pathname } of attempts) {
      const answer = await signedCall(service, { key: KEY_A, action, method: "GET", pathname });
      expect(answer.status, pathname).not.toBe(500);
      outcomes.push(answer.body.includes(targetId) || answer.body.includes("tenant B"));
    }
    expectAllRefused(context, "path tricks", outcomes);
    expect(await customTemplates(service.store, WORKSPACE_B)).toHaveLength(1);
  });

  it("still reaches A's own templates by the plain path", async () => {
    const answer = await signedCall(service, {
      key: KEY_A,
      action: "ListPromptTemplates",
      method: "GET",
      pathname: `/${WORKSPACE_A}/promptTemplates`,
    });
    expect(answer.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import {
  customTemplates,
  KEY_A,
  startAttackedService,
  WORKSPACE_A,
} from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { sendRaw } from "./__test__/raw-http.js";
import { sdkSignedRequest } from "./__test__/sdk-signing.js";

/*
 * Held before and kept: with uniqueNames on, 500 Creates of one name sent at once make one
 * template; the other 499 are NameDuplicated, none is lost or doubled by the group commit.
 */
printAttackTableAfterAll();

const CREATES = 500;
let service: LocalService;
beforeAll(async () => {
  service = await startAttackedService({ settings: { uniqueNames: true } });
});
afterAll(() => service.close());

describe("concurrent Creates of one name", () => {
  it("make exactly one template", { timeout: 30_000 }, async (context) => {
    const requests = Array.from({ length: CREATES }, (_, index) =>
      sdkSignedRequest({
        method: "POST",
        pathname: `/${WORKSPACE_A}/promptTemplates`,
        action: "CreatePromptTemplate",
        query: { name: "only one", content: `attempt ${index}` },
        key: KEY_A,
        host: `127.0.0.1:${service.port}`,
      }),
    );
    const answers = await Promise.all(requests.map((request) => sendRaw(service.port, request)));
    const created = answers.filter((answer) => answer.status === 200);
    const duplicates = answers.filter(
      (answer) => answer.json().code === "PromptTemplate.NameDuplicated",
    );
    expect(created.length + duplicates.length).toBe(CREATES);
    expect(created).toHaveLength(1);
    // Every Create after the one that won would be a duplicate the service let through.
    let winnerSeen = false;
    const duplicated = answers.map((answer) => {
      if (answer.status !== 200) return false;
      if (winnerSeen) return true;
      winnerSeen = true;
      return false;
    });
    expectAllRefused(context, "concurrent same-name creates (duplicates)", duplicated);
    expect(await customTemplates(service.store, WORKSPACE_A)).toHaveLength(1);
  });
});

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
 * Query smuggling. Parameter names are not percent-encoded in the canonical query (the
 * official SDK builds it so, and so must we), so {"name=A&type": "Custom"} signs exactly like
 * {name: "A", type: "Custom"}. A List signed for name=A and type=Custom, re-encoded on the wire
 * as the one parameter name%3DA%26type=Custom, returned the whole workspace. Each operation
 * now takes exactly its documented parameters: any other name is refused, naming it.
 */
printAttackTableAfterAll();

let service: LocalService;
beforeAll(async () => {
  service = await startAttackedService();
  for (const name of ["A", "another", "third"]) {
    await service.store.create(WORKSPACE_A, { name, content: "x", variables: [] });
  }
});
afterAll(() => service.close());

const host = () => `127.0.0.1:${service.port}`;

describe("a signed request re-encoded so that two parameters travel as one", () => {
  it("is refused with InvalidParameter naming the smuggled parameter", async (context) => {
    const attempts: {
      method: string;
      action: string;
      query: Record<string, string>;
      wireQuery: string;
      smuggled: string | undefined;
    }[] = [
      {
        method: "GET",
        action: "ListPromptTemplates",
        query: { name: "A", type: "Custom" },
        wireQuery: "name%3DA%26type=Custom",
        smuggled: "name=A&type",
      },
      {
        method: "GET",
        action: "ListPromptTemplates",
        query: { maxResults: "1", name: "A" },
        wireQuery: "maxResults%3D1%26name=A",
        smuggled: "maxResults=1&name",
      },
      {
        method: "POST",
        action: "CreatePromptTemplate",
        query: { content: "NEW", name: "X" },
        wireQuery: "content%3DNEW%26name=X",
        smuggled: "content=NEW&name",
      },
      {
        method: "POST",
        action: "CreatePromptTemplate",
        query: { content: "NEW", name: "X" },
        wireQuery: "content=NEW%26name%3DX",
        smuggled: undefined, // one parameter, content = "NEW&name=X": signs differently
      },
    ];
    const outcomes = [];
    for (const attempt of attempts) {
      const answer = await sendRaw(
        service.port,
        sdkSignedRequest({
          ...attempt,
          pathname: `/${WORKSPACE_A}/promptTemplates`,
          key: KEY_A,
          host: host(),
        }),
      );
      if (attempt.smuggled === undefined) {
        expect(answer.json()).toMatchObject({ Code: "SignatureDoesNotMatch" });
      } else {
        expect(answer.status).toBe(400);
        expect(answer.json()).toMatchObject({ Code: "InvalidParameter" });
        expect(String(answer.json().Message)).toContain(JSON.stringify(attempt.smuggled));
      }
      expect(answer.body).not.toContain("another");
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "query smuggling", outcomes);
    expect((await customTemplates(service.store, WORKSPACE_A)).map((t) => t.name)).toEqual([
      "A",
      "another",
      "third",
    ]);
  });

  it("answers the same request sent as signed, so the check costs honest clients nothing", async () => {
    const answer = await sendRaw(
      service.port,
      sdkSignedRequest({
        method: "GET",
        action: "ListPromptTemplates",
        pathname: `/${WORKSPACE_A}/promptTemplates`,
        query: { name: "A", type: "Custom" },
        key: KEY_A,
        host: host(),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ totalCount: 1 });
  });
});

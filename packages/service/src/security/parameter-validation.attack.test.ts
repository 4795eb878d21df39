import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import {
  customTemplates,
  KEY_A,
  startAttackedService,
  WORKSPACE_A,
} from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { type RawResponse, sendRaw } from "./__test__/raw-http.js";
import { sdkSignedRequest } from "./__test__/sdk-signing.js";

/*
 * Parameter values that are not what the client meant. Invalid UTF-8 in a parameter was
 * stored as U+FFFD, and maxResults with leading zeros was accepted. Each request here is
 * signed over what the service decodes, so only the parameter check can refuse it.
 */
printAttackTableAfterAll();

let service: LocalService;
beforeAll(async () => {
  service = await startAttackedService();
});
afterAll(() => service.close());

/** A request whose wire query is `wireQuery` and whose signature covers `signed`. */
function send(
  method: string,
  action: string,
  signed: Record<string, string>,
  wireQuery: string,
): Promise<RawResponse> {
  return sendRaw(
    service.port,
    sdkSignedRequest({
      method,
      pathname: `/${WORKSPACE_A}/promptTemplates`,
      action,
      query: signed,
      wireQuery,
      key: KEY_A,
      host: `127.0.0.1:${service.port}`,
    }),
  );
}

describe("parameters that are not what a client means to send", () => {
  it("refuses bytes that are not UTF-8, naming the parameter, and stores nothing", async (context) => {
    // What URLSearchParams would have decoded them to, and so what a signer must sign for
    // the old service to accept them: U+FFFD. The new service refuses before checking.
    const cases = [
      { parameter: "name", code: "PromptTemplate.NameInvalid", raw: "%FF" },
      { parameter: "content", code: "PromptTemplate.ContentInvalid", raw: "%C0%AF" },
      { parameter: "content", code: "PromptTemplate.ContentInvalid", raw: "%ED%A0%80" },
      { parameter: "content", code: "PromptTemplate.ContentInvalid", raw: "ok%E4%B8" },
      { parameter: "name", code: "PromptTemplate.NameInvalid", raw: "%zz" },
    ];
    const outcomes = [];
    for (const { parameter, code, raw } of cases) {
      const values = { name: "valid name", content: "valid content" };
      const wire = new URLSearchParams(values);
      const decoded = new URLSearchParams(`${parameter}=${raw}`).get(parameter) ?? "";
      const signed = { ...values, [parameter]: decoded };
      const wireQuery = `${wire.toString().replace(new RegExp(`${parameter}=[^&]*`), `${parameter}=${raw}`)}`;
      const answer = await send("POST", "CreatePromptTemplate", signed, wireQuery);
      expect(answer.json(), raw).toMatchObject({ code });
      expect(String(answer.json().message)).toContain(`parameter ${parameter}`);
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "invalid UTF-8 in a parameter", outcomes);
    expect(await customTemplates(service.store, WORKSPACE_A)).toEqual([]);
  });

  it("reads maxResults as plain decimal digits only", async (context) => {
    const outcomes = [];
    for (const maxResults of ["05", "010", "1e1", "+5", "0x10", "5.0", "00000000001"]) {
      const answer = await send(
        "GET",
        "ListPromptTemplates",
        { maxResults },
        `maxResults=${encodeURIComponent(maxResults)}`,
      );
      expect(answer.json(), maxResults).toMatchObject({ code: "PromptTemplate.MaxResultsInvalid" });
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "maxResults not in plain digits", outcomes);
  });

  it("refuses parameters an operation does not document", async (context) => {
    const outcomes = [];
    for (const [action, method, extra] of [
      ["ListPromptTemplates", "GET", { workspaceId: "llm-bbbbbbbbbbbbbbbb" }],
      ["ListPromptTemplates", "GET", { Type: "Custom" }],
      ["CreatePromptTemplate", "POST", { name: "n", content: "c", type: "System" }],
      [
        "CreatePromptTemplate",
        "POST",
        { name: "n", content: "c", promptTemplateId: "0".repeat(32) },
      ],
    ] as const) {
      const query: Record<string, string> = { ...extra };
      const answer = await send(method, action, query, new URLSearchParams(query).toString());
      expect(answer.json(), JSON.stringify(extra)).toMatchObject({ Code: "InvalidParameter" });
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "undocumented parameter", outcomes);
    expect(await customTemplates(service.store, WORKSPACE_A)).toEqual([]);
  });
});

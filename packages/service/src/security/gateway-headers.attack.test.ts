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
import { rawRequest, sdkSignedRequest } from "./__test__/sdk-signing.js";

/*
 * x-acs-action and x-acs-version were never checked (a Create signed as action
 * DeletePromptTemplate, version 1999-01-01, succeeded), a calendar-invalid x-acs-date (Nov
 * 31) was accepted, and so were two x-acs-date headers. Each request below is correctly
 * signed over exactly what it sends, so only the check itself can refuse it.
 */
printAttackTableAfterAll();

let service: LocalService;
beforeAll(async () => {
  service = await startAttackedService();
});
afterAll(() => service.close());

function create(headers: Record<string, string>): Promise<RawResponse> {
  return sendRaw(
    service.port,
    sdkSignedRequest({
      method: "POST",
      pathname: `/${WORKSPACE_A}/promptTemplates`,
      action: headers["x-acs-action"] ?? "CreatePromptTemplate",
      query: { name: "sneaky", content: "不应保存" },
      key: KEY_A,
      host: `127.0.0.1:${service.port}`,
      headers,
    }),
  );
}

const now = new Date();
const pad = (value: number) => String(value).padStart(2, "0");
/** Today's date in another calendar month or day, at the current time (within the window). */
const sameTimeOn = (date: string) =>
  `${date}T${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}Z`;

describe("the x-acs headers a signature covers", () => {
  it("refuses an action that is not the operation the method and path select", async (context) => {
    const outcomes = [];
    for (const action of ["DeletePromptTemplate", "ListPromptTemplates", "createprompttemplate"]) {
      const answer = await create({ "x-acs-action": action });
      expect(answer.json(), action).toMatchObject({ Code: "InvalidAction.Mismatch" });
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "action mismatch", outcomes);
  });

  it("refuses any version but 2023-12-29", async (context) => {
    const outcomes = [];
    for (const version of ["1999-01-01", "2023-12-30", "2023-12-29\u00a0", "v2023-12-29"]) {
      const answer = await create({ "x-acs-version": version });
      expect(answer.json(), version).toMatchObject({ Code: "InvalidVersion" });
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "wrong version", outcomes);
  });

  it("refuses a date that is not a real UTC time in the strict form", async (context) => {
    const outcomes = [];
    const invalid = [
      // Date.parse would read each of these as a real time (Nov 31 is Dec 1).
      "2026-11-31T10:00:00Z",
      "2026-02-29T10:00:00Z",
      "2026-12-01T24:00:00Z",
      sameTimeOn(
        `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`,
      ).replace("Z", ".000Z"),
      now.toUTCString(),
      sameTimeOn("2026-12-01").replace("Z", "+00:00"),
    ];
    for (const date of invalid) {
      const answer = await create({ "x-acs-date": date });
      expect(answer.json(), date).toMatchObject({ Code: "InvalidTimeStamp.Format" });
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "invalid date", outcomes);
  });

  it("refuses a second x-acs-date, x-acs-action or x-acs-version header", async (context) => {
    const outcomes = [];
    for (const name of ["x-acs-date", "x-acs-action", "x-acs-version"]) {
      const signed = sdkSignedRequest({
        method: "POST",
        pathname: `/${WORKSPACE_A}/promptTemplates`,
        action: "CreatePromptTemplate",
        query: { name: "sneaky", content: "不应保存" },
        key: KEY_A,
        host: `127.0.0.1:${service.port}`,
      });
      const value = new RegExp(`\\r\\n${name}: ([^\\r]*)`).exec(signed)?.[1] ?? "";
      // The same value twice: the signature still covers "value,value"; only the count refuses.
      const doubled = signed.replace(`${name}: ${value}`, `${name}: ${value}\r\n${name}: ${value}`);
      const answer = await sendRaw(service.port, doubled);
      expect(answer.json(), name).toMatchObject({ Code: "IncompleteSignature" });
      expect(String(answer.json().Message)).toContain(`${name} header appears 2 times`);
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "repeated x-acs header", outcomes);
  });

  it("stored nothing, and still takes the request the SDK sends", async () => {
    expect(await customTemplates(service.store, WORKSPACE_A)).toEqual([]);
    const accepted = await create({});
    expect(accepted.status, accepted.body).toBe(200);
    // rawRequest is the builder the attacks used: a plain request through it is answered.
    const health = await sendRaw(
      service.port,
      rawRequest("GET", "/healthz", [["host", `127.0.0.1:${service.port}`]]),
    );
    expect(health.status).toBe(200);
  });
});

import { startWorkMeter, type WorkMeter } from "@promptmill/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import {
  customTemplates,
  KEY_A,
  KEY_B,
  startAttackedService,
  WORKSPACE_A,
} from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { sendRaw } from "./__test__/raw-http.js";
import { sdkSignedRequest } from "./__test__/sdk-signing.js";

/*
 * Held before and kept: a Create into workspace A without A's secret, or with A's signature
 * over something other than what is sent, is refused; and signatures are compared in constant
 * time, so the time of a refusal tells nothing about how much of a guess was right.
 */
printAttackTableAfterAll();

let meter: WorkMeter;
let service: LocalService;
beforeAll(async () => {
  // Started before any code under test is compiled, for the constant-time check below.
  meter = await startWorkMeter();
  service = await startAttackedService();
});
afterAll(async () => {
  await service.close();
  await meter.stop();
});

const create = (overrides: { key?: typeof KEY_A; query?: Record<string, string> } = {}) =>
  sdkSignedRequest({
    method: "POST",
    pathname: `/${WORKSPACE_A}/promptTemplates`,
    action: "CreatePromptTemplate",
    query: overrides.query ?? { name: "forged", content: "不应保存" },
    key: overrides.key ?? KEY_A,
    host: `127.0.0.1:${service.port}`,
  });

const signatureOf = (request: string) => /Signature=([0-9a-f]+)/.exec(request)?.[1] ?? "";
const withSignature = (request: string, signature: string) =>
  request.replace(/Signature=[0-9a-f]+/, `Signature=${signature}`);

describe("forged signatures", () => {
  it("are refused however they are made", async (context) => {
    const genuine = create();
    const signature = signatureOf(genuine);
    const flip = (text: string, at: number) =>
      `${text.slice(0, at)}${text[at] === "0" ? "1" : "0"}${text.slice(at + 1)}`;
    const forgeries = [
      create({ key: { ...KEY_A, accessKeySecret: "guessed-secret" } }),
      create({ key: { ...KEY_A, accessKeySecret: KEY_B.accessKeySecret } }),
      withSignature(genuine, signature.toUpperCase()),
      withSignature(genuine, signature.slice(0, 63)),
      withSignature(genuine, `${signature}0`),
      withSignature(genuine, flip(signature, 0)),
      withSignature(genuine, flip(signature, 63)),
      withSignature(genuine, "0".repeat(64)),
      genuine.replace("name=forged", "name=changed"),
      genuine.replace(`/${WORKSPACE_A}/`, `/${WORKSPACE_A}x/`),
      genuine.replace(
        /x-acs-date: (\S+)/,
        (_, date: string) =>
          `x-acs-date: ${date.replace(/\d(?=Z)/, (d) => String((Number(d) + 1) % 10))}`,
      ),
      genuine.replace("SignedHeaders=", "SignedHeaders=x-acs-extra;"),
      genuine.replace(/SignedHeaders=[^,]+/, "SignedHeaders=host"),
      genuine.replace("ACS3-HMAC-SHA256 ", "ACS3-HMAC-SM3 "),
      genuine.replace(`Credential=${KEY_A.accessKeyId}`, `Credential=${KEY_B.accessKeyId}`),
      genuine.replace(`Credential=${KEY_A.accessKeyId}`, "Credential=LTAInobody"),
    ];
    const outcomes = [];
    for (const forgery of forgeries) {
      const answer = await sendRaw(service.port, forgery);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "signature forgery", outcomes);
    expect(await customTemplates(service.store, WORKSPACE_A)).toEqual([]);
    // The genuine request was never sent; it is accepted, so the forgeries failed on merit.
    expect((await sendRaw(service.port, genuine)).status).toBe(200);
  });

  it("are compared in constant time: a wrong first digit costs what a wrong last one does", async () => {
    const { signaturesEqual } = await import("@promptmill/core");
    const expected = "8f".repeat(32);
    const wrongFirst = `0${expected.slice(1)}`;
    const wrongLast = `${expected.slice(0, 63)}0`;
    signaturesEqual(expected, wrongFirst);
    const first = await meter.measure(() => signaturesEqual(expected, wrongFirst));
    const last = await meter.measure(() => signaturesEqual(expected, wrongLast));
    const right = await meter.measure(() => signaturesEqual(expected, expected));
    // The same JavaScript runs in each case; the comparison itself is timingSafeEqual.
    expect(last.total).toBe(first.total);
    expect(right.total).toBe(first.total);
    expect(first.calls("signaturesEqual")).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import {
  KEY_A,
  KEY_B,
  signedCall,
  startAttackedService,
  WORKSPACE_A,
} from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import { type RawResponse, sendRaw } from "./__test__/raw-http.js";
import { sdkSignedRequest } from "./__test__/sdk-signing.js";

/*
 * Held before and kept: no AccessKey secret the service holds, and no security token or
 * Authorization a client sends, appears in a log line or an answer, whatever fails. (What a
 * client writes into a path or a parameter is its data, and may be echoed.)
 */
printAttackTableAfterAll();

const TOKEN = "CAIS-sts-token-never-to-be-logged-7f3a";
const SECRETS = [KEY_A.accessKeySecret, KEY_B.accessKeySecret, TOKEN];
let service: LocalService;
const lines: string[] = [];
beforeAll(async () => {
  service = await startAttackedService({
    logFormat: "json",
    log: (line) => lines.push(line),
    settings: { faults: { rate: 0 } },
  });
});
afterAll(() => service.close());

describe("requests that fail in every way a secret could be echoed", () => {
  it("never put a secret or token in the log or the answer", async (context) => {
    const host = `127.0.0.1:${service.port}`;
    const pathname = `/${WORKSPACE_A}/promptTemplates`;
    const base = {
      method: "POST",
      pathname,
      action: "CreatePromptTemplate",
      query: { name: "n", content: "c" },
      host,
    };
    const requests = [
      // Signed with B's secret under A's id: the answer shows the server's string to sign.
      sdkSignedRequest({ ...base, key: { ...KEY_A, accessKeySecret: KEY_B.accessKeySecret } }),
      // A security token, signed, on requests that succeed and that fail at each step.
      ...[
        {} as Record<string, string>,
        { "x-acs-version": "1999-01-01" },
        { "x-acs-date": "2026-11-31T00:00:00Z" },
        { "x-acs-action": "DeletePromptTemplate" },
        { "x-acs-signature-nonce": "bad" },
      ].map((headers) =>
        sdkSignedRequest({
          ...base,
          key: KEY_A,
          headers: { "x-acs-security-token": TOKEN, ...headers },
        }),
      ),
      sdkSignedRequest({ ...base, key: KEY_A, wireQuery: "name=%FF" }),
      // A secret sent where a signature belongs.
      `GET /healthz HTTP/1.1\r\nhost: ${host}\r\nauthorization: ${KEY_A.accessKeySecret}\r\n\r\n`,
      `GET ${pathname} HTTP/1.1\r\nhost: ${host}\r\nx-acs-security-token: ${TOKEN}\r\nauthorization: ACS3-HMAC-SHA256 Credential=${KEY_A.accessKeyId},SignedHeaders=host,Signature=${KEY_A.accessKeySecret}\r\n\r\n`,
    ];
    const answers: RawResponse[] = [];
    for (const request of requests) answers.push(await sendRaw(service.port, request));
    service.setFaults({ rate: 1, kinds: ["error500"] });
    answers.push(
      await signedCall(service, {
        key: KEY_A,
        action: "ListPromptTemplates",
        method: "GET",
        pathname,
      }),
    );
    service.setFaults({ rate: 0 });

    // Sent one after another: request i wrote log line i.
    expect(lines.length).toBe(answers.length);
    const leaks = answers.map((answer, index) =>
      [answer.body, lines[index] ?? ""].some((text) =>
        SECRETS.some((secret) => text.includes(secret)),
      ),
    );
    expectAllRefused(context, "secrets in logs or answers", leaks);
  });
});

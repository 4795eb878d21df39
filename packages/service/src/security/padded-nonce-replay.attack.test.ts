// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import {
  customTemplates,
  KEY_A,
  startAttackedService,
  WORKSPACE_A,
} from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";
import {
  CreatePromptTemplateRequest,
  captureSdkRequests,
  headerOf,
  withHeader,
} from "./__test__/official-sdk.js";
import { sendRaw } from "./__test__/raw-http.js";

/*
 * Replay by padding the nonce. The canonical request trims header values with JavaScript's
 * trim(), which also strips U+00A0, so a captured request whose nonce is followed by A0 bytes
 * still carries a valid signature. The replay key must be that trimmed value, or each padding
 * is a new nonce: once, one signed Create made four templates.
 */
printAttackTableAfterAll();

let service: LocalService;
let captured: Buffer;
beforeAll(async () => {
  service = await startAttackedService();
  const { requests } = await captureSdkRequests(service.port, KEY_A, (client) =>
    client.createPromptTemplate(
      WORKSPACE_A,
      new CreatePromptTemplateRequest({ name: "captured", content: "写一篇${topic}" }),
    ),
  );
  captured = requests[0] as Buffer;
});
afterAll(() => service.close());

describe("a captured signed Create, replayed with its nonce padded", () => {
  it("is refused each way, and the one template stays one", async (context) => {
    const nonce = headerOf(captured, "x-acs-signature-nonce");
    const replays = [
      captured,
      withHeader(captured, "x-acs-signature-nonce", `${nonce}\u00a0`),
      withHeader(captured, "x-acs-signature-nonce", `${nonce}\u00a0\u00a0`),
      withHeader(captured, "x-acs-signature-nonce", `${nonce}\u00a0\u00a0\u00a0`),
      withHeader(captured, "x-acs-signature-nonce", `\u00a0${nonce}`),
      withHeader(captured, "x-acs-signature-nonce", `${nonce}\t`),
      withHeader(captured, "x-acs-signature-nonce", `\u00a0${nonce}\u00a0 `),
    ];
    const answers = [];
    for (const replay of replays) answers.push(await sendRaw(service.port, replay));
    expect(answers.map((answer) => answer.json().Code)).toEqual(
      replays.map(() => "SignatureNonceUsed"),
    );
    expectAllRefused(
      context,
      "padded-nonce replay",
      answers.map((answer) => answer.status === 200),
    );
    expect(await customTemplates(service.store, WORKSPACE_A)).toEqual([
      { name: "captured", content: "写一篇${topic}" },
    ]);
  });

  it("cannot smuggle a second nonce header past the check", async (context) => {
    const nonce = headerOf(captured, "x-acs-signature-nonce");
    // The canonical form joins repeated values (sorted), so two headers sign as one value.
    const doubled = Buffer.from(
      captured
        .toString("latin1")
        .replace(
          /\r\nx-acs-signature-nonce:[^\r]*/i,
          `\r\nx-acs-signature-nonce: ${nonce}\r\nx-acs-signature-nonce: fresh-nonce-000000`,
        ),
      "latin1",
    );
    const answer = await sendRaw(service.port, doubled);
    expect(answer.json()).toMatchObject({ Code: "IncompleteSignature" });
    expect(String(answer.json().Message)).toContain("x-acs-signature-nonce");
    expectAllRefused(context, "padded-nonce replay (repeated header)", [answer.status === 200]);
    expect(await customTemplates(service.store, WORKSPACE_A)).toHaveLength(1);
  });

  it("refuses a nonce that is not a plausible one before using it as a key", async (context) => {
    const outcomes = [];
    for (const nonce of ["short", "x".repeat(129), "with space inside", "\u00a0\u00a0"]) {
      const answer = await sendRaw(
        service.port,
        withHeader(captured, "x-acs-signature-nonce", nonce),
      );
      expect(answer.json()).toMatchObject({ Code: "IncompleteSignature" });
      outcomes.push(answer.status === 200);
    }
    expectAllRefused(context, "implausible nonce", outcomes);
  });
});

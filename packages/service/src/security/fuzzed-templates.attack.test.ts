// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { extractVariables } from "@promptmill/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalService } from "../start-local-service.js";
import { KEY_A, signedCall, startAttackedService, WORKSPACE_A } from "./__test__/attack-service.js";
import { expectAllRefused, printAttackTableAfterAll } from "./__test__/attack-table.js";

/*
 * Held before and kept (200,000 then; 600 per run here, seeded, with the template language's
 * own property tests covering far more in-process): random hostile content through Create and
 * Get. (A lone surrogate is not among the pieces: no client can encode one as UTF-8, and bytes
 * that are not UTF-8 are the parameter-validation attack's.) Every answer is 200 or a 400 with a parameter's code, never a 500; what is stored is
 * exactly what was sent, with the variables extractVariables finds.
 */
printAttackTableAfterAll();

const TEMPLATES = 600;
const PIECES = [
  "$",
  "$$",
  "${",
  "$${",
  "}",
  "{",
  "${a}",
  "${ b }",
  "${名}",
  "${.}",
  "${}",
  "\n",
  "\r\n",
  "\r",
  "\t",
  " ",
  "%",
  "%25",
  "+",
  "&",
  "=",
  "?",
  "#",
  "*()!'~",
  "\\",
  '"',
  "主题",
  "😀",
  "👨‍👩‍👧",
  "\u0000",
  "\u001b[31m",
  "\u2028",
  "\u202e",
  "\ufeff",
  "\u00a0",
  "x".repeat(50),
];

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let service: LocalService;
beforeAll(async () => {
  service = await startAttackedService();
});
afterAll(() => service.close());

describe("fuzzed templates through Create and Get", () => {
  it("are stored exactly or refused with a parameter's code, never a 500", {
    timeout: 60_000,
  }, async (context) => {
    const next = random(10);
    const contents = Array.from({ length: TEMPLATES }, () => {
      const length = Math.floor(next() * 30);
      return Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join("");
    });
    const failures: boolean[] = [];
    const queue = contents.map((content, index) => ({ content, index }));
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { content, index } = item;
        const created = await signedCall(service, {
          key: KEY_A,
          action: "CreatePromptTemplate",
          method: "POST",
          pathname: `/${WORKSPACE_A}/promptTemplates`,
          query: { name: `fuzz ${index}`, content },
        });
        if (created.status !== 200) {
          // Only empty content is invalid here: a refusal by its code.
          failures.push(created.json().code !== "PromptTemplate.ContentInvalid");
          continue;
        }
        const got = await signedCall(service, {
          key: KEY_A,
          action: "GetPromptTemplate",
          method: "GET",
          pathname: `/${WORKSPACE_A}/promptTemplates/${created.json().promptTemplateId}`,
        });
        const body = got.json();
        failures.push(
          got.status !== 200 ||
            body.content !== content ||
            JSON.stringify(body.variables) !== JSON.stringify(extractVariables(content)),
        );
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(failures).toHaveLength(TEMPLATES);
    expectAllRefused(context, "fuzzed templates (500s or changed content)", failures);
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
import { fc } from "@fast-check/vitest";
import { startWorkMeter, type WorkMeter } from "@promptmill/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * Lint, parse and extract must take time linear in the content, on any content: a service
 * runs them on every Create, and an importer on every row. Checked by counting work (see
 * @promptmill/test-support's work meter), never by timing: the same content repeated n and 8n times must cost about
 * 8 times as much, not 64. The meter must start before the template code is compiled, so
 * that code is imported inside beforeAll.
 */

type Language = typeof import("./index.js");

let meter: WorkMeter;
let language: Language;
beforeAll(async () => {
  meter = await startWorkMeter();
  language = await import("./index.js");
});
afterAll(() => meter.stop());

const N = 1_000;
/** Linear work with some fixed cost is at most 8 times; quadratic work is near 64 times. */
const MOST_GROWTH = 9;

/** Content of `count` repetitions of a unit, with whatever must close it. */
type ContentOf = (count: number) => string;

const repeated =
  (unit: string, end = ""): ContentOf =>
  (count) =>
    unit.repeat(count) + end;

async function growth(contentOf: ContentOf, run: (content: string) => unknown) {
  const small = contentOf(N);
  const large = contentOf(8 * N);
  // Once before measuring, so one-time work (first compilation of a regex, chevrotain's
  // caches) is not counted against the small size.
  run(small);
  // Three attempts each: what else runs in the process while one is counted only adds.
  const { total: smallWork } = await meter.measure(() => run(small), { attempts: 3 });
  const { total: largeWork } = await meter.measure(() => run(large), { attempts: 3 });
  return largeWork / smallWork;
}

const stages = {
  lint: (content: string) => language.lintTemplate(content),
  parse: (content: string) => language.parseTemplate(content),
  extract: (content: string) => language.extractVariables(content),
};

/** The contents that took seconds before (issue 10), and their relatives. */
const PATHOLOGICAL: [string, ContentOf][] = [
  // One placeholder holding thousands of nested-placeholder errors.
  ['"${" repeated, then "}"', repeated("${", "}")],
  ['"${" repeated', repeated("${")],
  ['"${.}" repeated (invalid-variable-name)', repeated("${.}")],
  ['"${}" repeated (empty-placeholder)', repeated("${}")],
  ['"$${a}" repeated (escapes, each warned about)', repeated("$${a}")],
  ['"$${a" repeated, then "}"', repeated("$${a", "}")],
  ['"${a}$${" repeated (placeholders an escape swallows)', repeated("${a}$${", "}")],
  ['"${\\n" repeated (unterminated at every line)', repeated("${\n")],
  ['"😀${." repeated (astral characters before every error)', repeated("😀${.", "}")],
  ['"主题${ a }" repeated (CJK, placeholder-whitespace)', repeated("主题${ a }")],
];

describe("the template language in linear time", () => {
  it("the meter sees quadratic work as quadratic (so a pass below means something)", async () => {
    const quadratic = (content: string) => {
      const length = content.length >> 4;
      let pairs = 0;
      for (let i = 0; i < length; i++) for (let j = 0; j < i; j++) pairs++;
      return pairs;
    };
    expect(await growth(repeated("ab"), quadratic)).toBeGreaterThan(50);
  });

  for (const [stage, run] of Object.entries(stages)) {
    it.each(PATHOLOGICAL)(
      `${stage}: %s, 8 times as long, at most 9 times the work`,
      async (_, contentOf) => {
        expect(await growth(contentOf, run)).toBeLessThanOrEqual(MOST_GROWTH);
      },
    );
  }

  it("the pathological cases do work that grows with them: the meter counts the parser", async () => {
    // Without this the bound above could hold because nothing was counted at all.
    expect(await growth(repeated("${.}"), stages.parse)).toBeGreaterThan(6);
    expect(await growth(repeated("$${a}"), stages.lint)).toBeGreaterThan(6);
  });

  it("lint on random pathological content: 8 times the content, at most 9 times the work", async () => {
    const piece = fc.constantFrom(
      "$",
      "$$",
      "${",
      "$${",
      "{",
      "}",
      ".",
      "a",
      "主",
      "😀",
      "\ud800",
      " ",
      "\t",
      "\n",
      "\r\n",
      "\r",
    );
    const units = fc.sample(fc.array(piece, { minLength: 1, maxLength: 8 }), {
      numRuns: 25,
      seed: 10,
    });
    for (const unit of units.map((pieces) => pieces.join(""))) {
      const ratio = await growth(repeated(unit), stages.lint);
      expect(ratio, JSON.stringify(unit)).toBeLessThanOrEqual(MOST_GROWTH);
    }
  });
});

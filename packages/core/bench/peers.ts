import Handlebars from "handlebars";
import { Liquid } from "liquidjs";
import template from "lodash.template";
import Mustache from "mustache";
import { compileTemplate } from "../src/index.js";
import { longPrompt, longValues, shortPrompt, shortValues } from "./fixtures.js";
import { renderLongByHand, renderShortByHand } from "./hand-written.js";

export type CaseId = "short" | "long";

export const PEERS = [
  "promptmill",
  "hand-written",
  "handlebars",
  "mustache",
  "lodash.template",
  "liquidjs",
  "string-replace",
] as const;

export type PeerId = (typeof PEERS)[number];

export type Values = Record<string, string>;

export const CASES: Record<
  CaseId,
  { content: string; values: Values; byHand: (values: Values) => string }
> = {
  short: { content: shortPrompt, values: shortValues, byHand: renderShortByHand },
  long: { content: longPrompt, values: longValues, byHand: renderLongByHand },
};

/** The fixtures use plain ASCII names and no escapes, so every peer's syntax maps 1:1. */
const PLACEHOLDER = /\$\{(\w+)\}/g;

export function toPeerSyntax(content: string, wrap: (name: string) => string): string {
  return content.replace(PLACEHOLDER, (_, name: string) => wrap(name));
}

/** lodash.template's own `${…}` interpolation; with `variable: "data"` names are `data.name`. */
export const LODASH_OPTIONS = { interpolate: /\$\{([\s\S]+?)\}/g, variable: "data" };

export function toLodashSyntax(content: string): string {
  return toPeerSyntax(content, (name) => `\${data.${name}}`);
}

/** Prepares `peer` for one template once, the way each library is meant to be used. */
export function createPeerRenderer(peer: PeerId, caseId: CaseId): (values: Values) => string {
  const { content, byHand } = CASES[caseId];
  switch (peer) {
    case "promptmill":
      return compileTemplate(content);
    case "hand-written":
      return byHand;
    case "handlebars":
      return Handlebars.compile(
        toPeerSyntax(content, (name) => `{{${name}}}`),
        { noEscape: true },
      );
    case "mustache": {
      // Triple braces: no HTML escaping. Mustache caches the parsed template by its text.
      const source = toPeerSyntax(content, (name) => `{{{${name}}}}`);
      Mustache.parse(source);
      return (values) => Mustache.render(source, values);
    }
    case "lodash.template":
      return template(toLodashSyntax(content), LODASH_OPTIONS);
    case "liquidjs": {
      // outputEscape is off unless set; parsed once, rendered from the parsed template.
      const engine = new Liquid();
      const parsed = engine.parse(toPeerSyntax(content, (name) => `{{ ${name} }}`));
      return (values) => engine.renderSync(parsed, values) as string;
    }
    case "string-replace":
      return (values) => content.replace(PLACEHOLDER, (_, name: string) => values[name] ?? "");
  }
}

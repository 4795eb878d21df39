import type { TemplateAst } from "./ast.js";
import { parseTemplateAst } from "./parse.js";

/** Unique placeholder names of an AST, in first-seen order. */
export function variablesOf(ast: TemplateAst): string[] {
  const names = new Set<string>();
  for (const node of ast.nodes) {
    if (node.type === "placeholder") names.add(node.name);
  }
  return [...names];
}

/**
 * The variables of `content`: unique names in first-seen order, what the service lists as
 * `variables`. For content with syntax errors, the names of its valid placeholders. Never throws.
 * Given the AST `parseTemplate` returned, it reads that instead of parsing the content again.
 */
export function extractVariables(content: string | TemplateAst): string[] {
  if (typeof content !== "string") return variablesOf(content);
  return scanSimpleVariables(content) ?? variablesOf(parseTemplateAst(content).ast);
}

const DOLLAR = 0x24;
const SPACE = 0x20;
const TAB = 0x09;
const CLOSE = 0x7d;
const NAME_CHARACTER = /[\p{L}\p{M}\p{Nd}_]/uy;

/** The length in code units of the name character at `index`, or 0 if there is none. */
function nameCharacterLength(content: string, index: number): number {
  const code = content.charCodeAt(index);
  if (code < 0x80) {
    const isAsciiNameCharacter =
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x30 && code <= 0x39) ||
      code === 0x5f;
    return isAsciiNameCharacter ? 1 : 0;
  }
  NAME_CHARACTER.lastIndex = index;
  if (!NAME_CHARACTER.test(content)) return 0;
  return NAME_CHARACTER.lastIndex - index;
}

/**
 * The fast path of `extractVariables`, about as fast as one regex scan (a Unicode-aware regex
 * is several times slower on CJK text, hence the hand-written loop). Text mode has no errors,
 * and a `${` right after a `$` is always the `$${` escape (the lexer reads `$` runs left to
 * right and `$${` is its only escape), so visiting each `${` suffices as long as each one
 * opens a valid placeholder. At the first that does not, it gives up (`undefined`) and the
 * full parser decides. So it answers for exactly the content without syntax errors: a caller
 * that needs no AST (the importer's row check) parses only content that has errors. Property
 * tests check both, and that the names agree with the parser's.
 */
export function scanSimpleVariables(content: string): string[] | undefined {
  const names = new Set<string>();
  let from = 0;
  for (;;) {
    const open = content.indexOf("${", from);
    if (open === -1) return [...names];
    if (open > 0 && content.charCodeAt(open - 1) === DOLLAR) {
      from = open + 2;
      continue;
    }
    let index = open + 2;
    while (isBlank(content.charCodeAt(index))) index++;
    const start = index;
    for (let length = nameCharacterLength(content, index); length > 0; ) {
      index += length;
      length = nameCharacterLength(content, index);
    }
    const end = index;
    while (isBlank(content.charCodeAt(index))) index++;
    if (end === start || content.charCodeAt(index) !== CLOSE) return undefined;
    names.add(content.slice(start, end));
    from = index + 1;
  }
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

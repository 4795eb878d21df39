import type { TemplateAst } from "./ast.js";
import { printNode } from "./print.js";

/**
 * A template flattened for rendering: `texts[0]`, then for each placeholder occurrence `i`
 * its value and `texts[i + 1]`. `slots[i]` indexes `variables`; `written[i]` is the
 * placeholder as written in the content, which `keep` mode renders when the value is missing.
 */
export interface RenderPlan {
  readonly variables: readonly string[];
  readonly texts: readonly string[];
  readonly slots: readonly number[];
  readonly written: readonly string[];
}

export function planRender(ast: TemplateAst): RenderPlan {
  const slotOf = new Map<string, number>();
  const texts = [""];
  const slots: number[] = [];
  const written: string[] = [];
  for (const node of ast.nodes) {
    if (node.type === "text") {
      texts[texts.length - 1] += node.value;
      continue;
    }
    let slot = slotOf.get(node.name);
    if (slot === undefined) {
      slot = slotOf.size;
      slotOf.set(node.name, slot);
    }
    slots.push(slot);
    written.push(printNode(node));
    texts.push("");
  }
  return { variables: Object.freeze([...slotOf.keys()]), texts, slots, written };
}

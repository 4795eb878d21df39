import type { CompiledTemplate, RenderMode, RenderValues } from "../template/compile.js";
import { compileTemplate } from "../template/compile.js";
import type { TemplateRecord } from "./template-record.js";

export interface PromptRenderOptions {
  /** `strict` (default) throws on a missing value, `lenient` renders it as "", `keep` leaves it. */
  mode?: RenderMode;
}

/**
 * A template compiled once when it is loaded. The strict render function is built up front
 * because it is what almost every call uses; the other modes are compiled the first time they
 * are asked for and kept.
 */
export class CompiledPrompt {
  readonly id: string | undefined;
  readonly name: string;
  readonly content: string;
  readonly variables: readonly string[];
  readonly renderStrict: CompiledTemplate;
  #otherModes: Map<RenderMode, CompiledTemplate> | undefined;

  constructor(record: TemplateRecord) {
    this.id = record.id;
    this.name = record.name;
    this.content = record.content;
    this.renderStrict = compileTemplate(record.content, { mode: "strict" });
    this.variables = Object.freeze([...this.renderStrict.variables]);
  }

  /** One function per prompt (not per call), so views of the prompt can share it. */
  readonly render = (values: RenderValues, options?: PromptRenderOptions): string => {
    const mode = options?.mode;
    if (mode === undefined || mode === "strict") return this.renderStrict(values);
    this.#otherModes ??= new Map();
    let compiled = this.#otherModes.get(mode);
    if (compiled === undefined) {
      compiled = compileTemplate(this.content, { mode });
      this.#otherModes.set(mode, compiled);
    }
    return compiled(values);
  };
}

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the ${var} syntax is shown to the user on purpose.
import type { RenderMode } from "@promptmill/core/template";
import { RENDER_MODES, renderPreview } from "../shared/render-preview.js";
import { element } from "./dom.js";

const MODE_HINTS: Readonly<Record<RenderMode, string>> = {
  strict: "every variable needs a value",
  lenient: "missing values render empty",
  keep: "missing values stay as ${name}",
};

/**
 * The preview section: one field per variable, the render mode, and the rendered prompt.
 * Values are kept by variable name while the content changes, and the fields are rebuilt
 * only when the list of variables changes, so typing in a field keeps its focus.
 */
export class PreviewPanel {
  readonly #fields: HTMLElement;
  readonly #status: HTMLElement;
  readonly #output: HTMLElement;
  readonly #values = new Map<string, string>();
  #mode: RenderMode = "strict";
  #content = "";
  #variables: readonly string[] = [];

  constructor(section: HTMLElement) {
    section.querySelector("[data-preview-placeholder]")?.remove();
    const modes = element("fieldset", { class: "preview-modes" }, [
      element("legend", {}, ["Render mode"]),
      ...RENDER_MODES.map((mode) => {
        const input = element("input", {
          type: "radio",
          name: "preview-mode",
          value: mode,
          checked: mode === this.#mode,
        });
        input.addEventListener("change", () => {
          this.#mode = mode;
          this.#render();
        });
        return element("label", { class: "choice" }, [
          input,
          ` ${mode} `,
          element("span", { class: "muted" }, [`(${MODE_HINTS[mode]})`]),
        ]);
      }),
    ]);
    this.#fields = element("div", { class: "preview-fields" });
    this.#status = element("p", { class: "preview-status", role: "status" });
    this.#output = element("pre", {
      class: "preview-output",
      tabindex: "0",
      "aria-label": "Rendered prompt",
    });
    section.append(modes, this.#fields, this.#status, this.#output);
  }

  update(content: string, variables: readonly string[]): void {
    this.#content = content;
    if (variables.join("\u0000") !== this.#variables.join("\u0000")) {
      this.#variables = variables;
      this.#rebuildFields();
    }
    this.#render();
  }

  #rebuildFields(): void {
    if (this.#variables.length === 0) {
      this.#fields.replaceChildren(
        element("p", { class: "muted" }, ["No variables: the prompt is the content as written."]),
      );
      return;
    }
    const fields = this.#variables.map((name, index) => {
      const id = `preview-variable-${index}`;
      const input = element("textarea", { id, rows: "1", "data-variable": name });
      input.value = this.#values.get(name) ?? "";
      input.addEventListener("input", () => {
        this.#values.set(name, input.value);
        this.#render();
      });
      return element("div", { class: "field" }, [element("label", { for: id }, [name]), input]);
    });
    this.#fields.replaceChildren(...fields);
  }

  #render(): void {
    const fields = Object.fromEntries(this.#values);
    const preview = renderPreview(this.#content, this.#variables, fields, this.#mode);
    if (preview.ok) {
      this.#status.textContent =
        preview.unfilled.length === 0
          ? "Every variable has a value."
          : `No value for: ${preview.unfilled.join(", ")}.`;
      this.#status.className = "preview-status";
      this.#output.textContent = preview.text;
      this.#output.classList.remove("preview-failed");
    } else {
      this.#status.textContent =
        preview.reason === "missing"
          ? `Strict mode needs a value for: ${preview.missing.join(", ")}.`
          : "The content has syntax errors: fix them to see the preview.";
      this.#status.className = "preview-status preview-status-error";
      this.#output.textContent = "";
      this.#output.classList.add("preview-failed");
    }
  }
}

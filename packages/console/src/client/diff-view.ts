import { type DiffPart, wordDiff } from "../shared/word-diff.js";
import { element } from "./dom.js";

function diffNodes(parts: readonly DiffPart[]): Node[] {
  return parts.map((part) =>
    part.kind === "same"
      ? document.createTextNode(part.text)
      : element(part.kind === "added" ? "ins" : "del", {}, [part.text]),
  );
}

/** What saving would change: the name, and the content word by word, against the stored version. */
export function renderDiff(
  target: HTMLElement,
  stored: { name: string; content: string },
  edited: { name: string; content: string },
): void {
  const parts: Node[] = [];
  if (stored.name === edited.name && stored.content === edited.content) {
    target.replaceChildren(element("p", { class: "muted" }, ["No changes yet."]));
    return;
  }
  if (stored.name !== edited.name) {
    parts.push(
      element("p", { class: "diff-name" }, [
        "Name: ",
        ...diffNodes(wordDiff(stored.name, edited.name)),
      ]),
    );
  }
  if (stored.content !== edited.content) {
    const diff = wordDiff(stored.content, edited.content);
    const added = diff.filter((part) => part.kind === "added").length;
    const removed = diff.filter((part) => part.kind === "removed").length;
    parts.push(
      element("p", { class: "diff-summary" }, [
        `Content: ${added} insertion${added === 1 ? "" : "s"}, ${removed} deletion${removed === 1 ? "" : "s"}.`,
      ]),
      element("pre", { class: "diff-content", tabindex: "0", "aria-label": "Content changes" }, [
        ...diffNodes(diff),
      ]),
    );
  }
  target.replaceChildren(...parts);
}

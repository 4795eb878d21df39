type Attributes = Readonly<Record<string, string | boolean | undefined>>;

/**
 * Makes an element from a tag, attributes and children. Text is always set as text nodes,
 * never parsed as HTML: template names, content and values come from the workspace and may
 * hold markup.
 */
export function element<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Attributes = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[Tag] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

/** Calls `action` once per animation frame at most, with the latest state. */
export function onNextFrame(action: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      action();
    });
  };
}

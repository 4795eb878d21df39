import { hash } from "node:crypto";

/**
 * A short stand-in for template content: the snapshot of existing templates keeps digests,
 * not contents, so it stays small for large workspaces. SHA-256, so equal digests mean equal
 * content for every practical purpose. One-shot `hash` (the same bytes as a Hash object's
 * digest) because it runs for every row and every listed template, and the object costs more
 * than hashing a prompt.
 */
export function contentDigest(content: string): string {
  return hash("sha256", content, "base64");
}

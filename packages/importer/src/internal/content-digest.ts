import { createHash } from "node:crypto";

/**
 * A short stand-in for template content: the snapshot of existing templates keeps digests,
 * not contents, so it stays small for large workspaces. SHA-256, so equal digests mean equal
 * content for every practical purpose.
 */
export function contentDigest(content: string): string {
  return createHash("sha256").update(content).digest("base64");
}

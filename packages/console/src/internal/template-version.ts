import { createHash } from "node:crypto";

/**
 * Identifies the stored name and content an edit started from. Saving compares it with what
 * is stored then, so an edit never silently overwrites a change made meanwhile (in another
 * tab, by the CLI or by a colleague).
 */
export function templateVersion(template: { name: string; content: string }): string {
  return createHash("sha256")
    .update(template.name)
    .update("\0")
    .update(template.content)
    .digest("base64url")
    .slice(0, 22);
}

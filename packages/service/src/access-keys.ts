import { randomInt } from "node:crypto";
import { z } from "zod";

export const accessKeyConfigSchema = z.strictObject({
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  /** The workspaces this key may use; any other answers `Forbidden.NoPermission`. */
  workspaces: z.array(z.string().min(1)).min(1),
});
export type AccessKeyConfig = z.infer<typeof accessKeyConfigSchema>;

export const accessKeyListSchema = z.array(accessKeyConfigSchema);

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const MIXED_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomString(length: number, alphabet: string): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** A workspace id of the documented shape: `llm-` and 16 lowercase letters or digits. */
export function createWorkspaceId(): string {
  return `llm-${randomString(16, LOWER_ALNUM)}`;
}

/** A key shaped like real ones (`LTAI` + 20 characters, a 30-character secret). */
export function createDevelopmentKey(): AccessKeyConfig {
  return {
    accessKeyId: `LTAI${randomString(20, MIXED_ALNUM)}`,
    accessKeySecret: randomString(30, MIXED_ALNUM),
    workspaces: [createWorkspaceId()],
  };
}

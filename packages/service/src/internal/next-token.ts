import { createCipheriv, createDecipheriv, createHash } from "node:crypto";

const TOKEN_PATTERN = /^[0-9a-f]{32}$/;

/**
 * nextToken is a List cursor (the sequence number of the last template shown) sealed with
 * AES-128 into one 16-byte block: 32 lowercase hex, like the real service's tokens. The
 * block also carries a hash of the query's scope (workspace, keyword, type), so a token
 * cannot be forged, edited, or replayed against another query: any of those fails to open.
 */
export class NextTokenCodec {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 16) throw new RangeError("nextToken key must be 16 bytes");
    this.#key = key;
  }

  seal(sequence: number, scope: string): string {
    const block = Buffer.alloc(16);
    block.writeBigUInt64BE(BigInt(sequence), 0);
    scopeHash(scope).copy(block, 8);
    const cipher = createCipheriv("aes-128-ecb", this.#key, null).setAutoPadding(false);
    return Buffer.concat([cipher.update(block), cipher.final()]).toString("hex");
  }

  /** The sequence sealed in `token`, or undefined if it is not a token of this scope. */
  open(token: string, scope: string): number | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const decipher = createDecipheriv("aes-128-ecb", this.#key, null).setAutoPadding(false);
    const block = Buffer.concat([decipher.update(Buffer.from(token, "hex")), decipher.final()]);
    if (!block.subarray(8).equals(scopeHash(scope))) return undefined;
    const sequence = block.readBigUInt64BE(0);
    return sequence <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(sequence) : undefined;
  }
}

function scopeHash(scope: string): Buffer {
  return createHash("sha256").update(scope, "utf8").digest().subarray(0, 8);
}

/** What a token is bound to: changing any of these between pages invalidates it. */
export function listScope(workspaceId: string, nameContains: string, type: string): string {
  return JSON.stringify([workspaceId, nameContains, type]);
}

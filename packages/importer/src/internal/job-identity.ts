import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { JobIdentity } from "./journal.js";

/** How much of the input is hashed to notice a file replaced by another of the same size. */
const HEAD_BYTES = 64 * 1024;

export function jobIdentity(inputPath: string, workspaceId: string, endpoint: string): JobIdentity {
  const size = statSync(inputPath).size;
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  const fd = openSync(inputPath, "r");
  try {
    let filled = 0;
    while (filled < head.length) {
      const read = readSync(fd, head, filled, head.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
  } finally {
    closeSync(fd);
  }
  return {
    inputPath,
    inputSize: size,
    inputHeadSha256: createHash("sha256").update(head).digest("hex"),
    workspaceId,
    endpoint,
  };
}

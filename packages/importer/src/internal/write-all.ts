import { writeSync } from "node:fs";

/**
 * Writes all of `text`, or throws. `writeSync` may write less than it was given (a disk that
 * fills up mid-line takes what fits, and fails only on the next call); a caller that took its
 * return value for granted would think a half-written journal line was on disk, and send the
 * request it announces.
 */
export function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let written = 0;
  while (written < bytes.length) {
    written += writeSync(fd, bytes, written, bytes.length - written);
  }
}

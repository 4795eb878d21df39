import { closeSync, openSync, readSync } from "node:fs";
import { JournalFormatError } from "../errors.js";
import { JOURNAL_VERSION } from "./journal.js";

/**
 * A journal an earlier promptmill left at `<input>.journal` (rows keyed by line). The new
 * default journal has another name, so without this check it would be silently ignored.
 */
export function refuseLegacyJournal(path: string | undefined): void {
  if (path === undefined) return;
  let head: string;
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(4096);
    head = buffer.toString("utf8", 0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  let record: { kind?: unknown; version?: unknown } | undefined;
  try {
    record = JSON.parse(head.split("\n", 1)[0] ?? "") as typeof record;
  } catch {
    return;
  }
  if (record?.kind === "job" && record.version !== JOURNAL_VERSION) {
    throw new JournalFormatError(path, record.version);
  }
}

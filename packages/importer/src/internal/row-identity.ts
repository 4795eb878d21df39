import { hash } from "node:crypto";
import type { TemplateCsvRow } from "../read-template-csv.js";
import { contentDigest } from "./content-digest.js";

/**
 * What makes a row the same row on another run: its name, its content and its declared
 * variables, not its position. The journal keys every record by this digest, so a file can be
 * edited, extended or reordered between runs: a row whose digest the journal has finished is
 * done wherever it now stands, and a changed row is a new row, decided afresh. (Keying by line
 * mapped a changed row to the outcome of the row that stood there before.)
 *
 * SHA-256 over a JSON array, so no two different rows can be spelled into the same input;
 * base64url keeps journal lines short. (One-shot `hash`, as in `contentDigest`: the same
 * digest as a Hash object's, so journals of earlier versions still match.)
 */
export function rowDigest(
  row: Pick<TemplateCsvRow, "name" | "content" | "variables">,
  contentDigestOfRow: string = contentDigest(row.content),
): string {
  // The content enters through its own digest (which the row needs anyway): hashed once.
  return hash(
    "sha256",
    JSON.stringify([row.name, contentDigestOfRow, row.variables ?? null]),
    "base64url",
  );
}

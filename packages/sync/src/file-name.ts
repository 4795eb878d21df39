import { createHash } from "node:crypto";

/** The extension of a template file in a prompt folder. */
export const PROMPT_FILE_EXTENSION = ".prompt";

/** Characters no file name may hold on one of Linux, macOS or Windows. */
const FORBIDDEN = /[/\\:*?"<>|]/gu;
/** Control, format (zero-width, bidi) and separator characters other than the plain space. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[^\S ]/gu;
/** Names Windows keeps for devices, whatever extension follows. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Bytes of a name's readable part: well under every file system's 255, with room for the rest. */
const MAX_STEM_BYTES = 96;

/**
 * A readable file-name stem for a template name: what a person recognises in a listing, safe on
 * Linux, macOS and Windows. Forbidden and invisible characters become `_`, leading and trailing
 * spaces and dots go (Windows drops them), device names get a `_` in front, and long names are
 * cut at a character boundary. `exact` says whether the stem is the name itself.
 */
export function readableStem(name: string): { stem: string; exact: boolean } {
  let stem = name.normalize("NFC").replace(FORBIDDEN, "_").replace(INVISIBLE, "_");
  stem = stem.replace(/^[ .]+|[ .]+$/g, "");
  if (WINDOWS_DEVICE.test(stem.split(".")[0] ?? "")) stem = `_${stem}`;
  stem = cutToBytes(stem, MAX_STEM_BYTES);
  if (stem === "") stem = "template";
  return { stem, exact: stem === name };
}

/** A template that needs a file name: `key` tells it apart (its id), `name` is what it shows. */
export interface NamedTemplate {
  readonly key: string;
  readonly name: string;
}

/**
 * File names for templates that have none yet, decided for the whole set at once so that the
 * answer does not depend on order: a name that is its own readable stem, and that no other
 * template of the set (or file already in the folder) would meet on a case-insensitive,
 * normalising file system, gets `<name>.prompt`; every other gets `<stem>~<digest>.prompt`.
 * The digest is that of the exact name (of the name and the key, for a name several templates
 * share), so it is the same on every pull.
 *
 * `taken` holds the file names already used in the folder's directory (they keep their names).
 * Returns the file name for each key.
 */
export function assignFileNames(
  templates: readonly NamedTemplate[],
  taken: Iterable<string> = [],
): Map<string, string> {
  const collisionKey = (fileName: string) => fileName.normalize("NFC").toLowerCase();
  const used = new Set([...taken].map(collisionKey));
  const nameCount = new Map<string, number>();
  const bareCount = new Map<string, number>();
  const stems = templates.map((template) => {
    nameCount.set(template.name, (nameCount.get(template.name) ?? 0) + 1);
    const readable = readableStem(template.name);
    const key = collisionKey(readable.stem + PROMPT_FILE_EXTENSION);
    bareCount.set(key, (bareCount.get(key) ?? 0) + 1);
    return { ...template, ...readable };
  });
  const assigned = new Map<string, string>();
  for (const { key, name, stem, exact } of stems) {
    const bare = stem + PROMPT_FILE_EXTENSION;
    const unique =
      exact && bareCount.get(collisionKey(bare)) === 1 && !used.has(collisionKey(bare));
    let fileName = bare;
    if (!unique) {
      const shared = (nameCount.get(name) ?? 0) > 1;
      const digest = createHash("sha256")
        .update(shared ? `${name}\0${key}` : name, "utf8")
        .digest("hex");
      // A longer digest only if a file of the folder already bears the short one.
      let length = 8;
      do {
        fileName = `${stem}~${digest.slice(0, length)}${PROMPT_FILE_EXTENSION}`;
        length += 8;
      } while (used.has(collisionKey(fileName)) && length <= digest.length);
    }
    used.add(collisionKey(fileName));
    assigned.set(key, fileName);
  }
  return assigned;
}

function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let bytes = 0;
  let cut = "";
  for (const character of text) {
    bytes += Buffer.byteLength(character, "utf8");
    if (bytes > maxBytes) break;
    cut += character;
  }
  return cut.replace(/[ .]+$/, "");
}

import type { RowProblem } from "../check-row.js";

/** Another name that reads the same as a row's (see `nameFoldKey`). */
export type NearDuplicate =
  /** An earlier row of the file. */
  | { readonly kind: "row"; readonly line: number; readonly name: string }
  /** A template of the workspace. */
  | { readonly kind: "template"; readonly id: string; readonly name: string };

/**
 * `near-duplicate of line 3 "Café"; of template 1f2e… "CAFÉ"`. Names are JSON-quoted so that
 * a trailing space or an invisible character shows (`"same\u200b"`).
 */
export function describeNearDuplicates(duplicates: readonly NearDuplicate[]): string {
  const parts = duplicates.map((duplicate) =>
    duplicate.kind === "row"
      ? `line ${duplicate.line} ${quoteName(duplicate.name)}`
      : `template ${duplicate.id} ${quoteName(duplicate.name)}`,
  );
  return parts.length === 0 ? "" : `the name reads the same as ${parts.join(", ")}`;
}

/** The problem that rejects a row when near-duplicates are rejected. */
export function nearDuplicateProblem(duplicates: readonly NearDuplicate[]): RowProblem {
  return { reason: "name-near-duplicate", message: describeNearDuplicates(duplicates) };
}

/** JSON quoting with every invisible or space-like character escaped, so a reader sees it. */
export function quoteName(name: string): string {
  return JSON.stringify(name).replace(
    /[\p{Default_Ignorable_Code_Point}\p{Zs}\u180e]/gu,
    (character) =>
      character === " "
        ? " "
        : `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
}

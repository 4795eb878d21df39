/**
 * Why a row was not imported. Every code is listed, with what it means, in the README
 * ("Reject reasons"); the reject file's `reasons` column joins them with `;`.
 */
export type RejectReason =
  | "csv-quotes"
  | "csv-column-count"
  | "csv-invalid-utf8"
  | "csv-field-too-large"
  | "name-empty"
  | "name-too-long"
  | "name-duplicate-in-file"
  | "name-near-duplicate"
  | "content-empty"
  | "content-too-long"
  | "template-syntax"
  | "variables-invalid"
  | "variable-undeclared"
  | "variable-unused"
  | "sample-invalid"
  | "sample-incomplete"
  | "name-exists"
  | "name-ambiguous"
  | "service-rejected"
  | "retries-exhausted";

/** One line per code, for `--help` texts and reports. */
export const REJECT_REASONS: Readonly<Record<RejectReason, string>> = {
  "csv-quotes": "a stray or unclosed quote; the row could not be split into fields",
  "csv-column-count": "the row has more or fewer fields than the header",
  "csv-invalid-utf8": "a field holds bytes that are not valid UTF-8",
  "csv-field-too-large":
    "a field is larger than the reader accepts (maxFieldBytes, 1 MiB by default)",
  "name-empty": "the name is empty or only whitespace",
  "name-too-long": "the name is longer than the service accepts",
  "name-duplicate-in-file": "an earlier row of the file has the same name",
  "name-near-duplicate":
    "the name reads the same as another row's or an existing template's (case, width, accents, invisible characters) and near-duplicates are rejected",
  "content-empty": "the content is empty",
  "content-too-long": "the content is longer than the service accepts",
  "template-syntax": "the content has template syntax errors",
  "variables-invalid": "the variables cell cannot be read or names an invalid variable",
  "variable-undeclared": "the content uses a variable the variables cell does not declare",
  "variable-unused": "the variables cell declares a variable the content does not use",
  "sample-invalid":
    "the sample cell is not a JSON object, or a value is not text, a number or a boolean",
  "sample-incomplete": "the sample values do not cover every variable of the content",
  "name-exists": "a template with this name exists and --on-existing is fail",
  "name-ambiguous": "several templates have this name, so the one to update is unclear",
  "service-rejected": "the service refused the request (its error code is in the message)",
  "retries-exhausted": "the service kept failing; the row is tried again on the next run",
};

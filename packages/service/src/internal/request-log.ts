export type LogFormat = "text" | "json";

/** One answered request, as the log shows it. Never the query, a header or a secret. */
export interface RequestLogEntry {
  method: string;
  /** The path as received, still percent-encoded. */
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
}

/**
 * Characters that could end a log line, drive a terminal (ESC and the C1 controls start
 * colour and cursor sequences) or reorder what is shown (bidirectional controls), and the
 * backslash, so that an escaped character cannot be mistaken for one written out.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\\]/g;

/** What JSON.stringify leaves as it is although a terminal would act on it. */
const UNSAFE_IN_JSON = /[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Long enough for any real path; a request line can be a megabyte. */
const PATH_LIMIT = 1024;

function unicodeEscape(character: string): string {
  return `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
}

/** Text as it may appear in a text log line: every unsafe character escaped, `\` doubled. */
export function escapeForLog(text: string): string {
  return text.replace(UNSAFE, (character) =>
    character === "\\" ? "\\\\" : unicodeEscape(character),
  );
}

function shorten(path: string): string {
  return path.length > PATH_LIMIT ? `${path.slice(0, PATH_LIMIT)}…` : path;
}

function jsonLine(fields: Record<string, unknown>): string {
  return JSON.stringify(fields).replace(UNSAFE_IN_JSON, unicodeEscape);
}

/**
 * One line per request. `text` is for people (`GET /path 200 3ms REQUEST-ID`); `json` is one
 * JSON object per line, for log collectors. Either way nothing from the request can start a
 * new line or reach a terminal unescaped, so no request can forge a line.
 */
export function formatRequestLine(entry: RequestLogEntry, format: LogFormat, time: Date): string {
  const path = shorten(entry.path);
  if (format === "json") {
    return jsonLine({ time: time.toISOString(), level: "info", ...entry, path });
  }
  return `${escapeForLog(entry.method)} ${escapeForLog(path)} ${entry.status} ${entry.durationMs}ms ${entry.requestId}`;
}

/** An unexpected failure while answering a request; its message is escaped like a path. */
export function formatErrorLine(
  requestId: string,
  message: string,
  format: LogFormat,
  time: Date,
): string {
  if (format === "json") {
    return jsonLine({ time: time.toISOString(), level: "error", requestId, message });
  }
  return `error ${requestId}: ${escapeForLog(message)}`;
}

/**
 * One template as a file: a small header, then the content exactly as stored.
 *
 * ```
 * ---
 * name: "小红书文案"
 * workspace: "llm-abcdefghijklmnop"
 * id: "3f9c2d0b7e1a4c5d8e9f0a1b2c3d4e5f"
 * ---
 * 写一篇关于${theme}的笔记
 * ```
 *
 * Each header value is a JSON string, so any name — newlines, trailing spaces, quotes, invisible
 * characters — is written and read back exactly (it is also a YAML double-quoted scalar, so
 * editors highlight it). Everything after the closing `---` line is the content, byte for byte:
 * nothing is escaped, and a final newline is content like any other character. `workspace` and
 * `id` are written once the template exists; a file without them is a template to create.
 * `type: "System"` marks a workspace's built-in template, which is read-only.
 * A file with no header at all is a template named after its file (`greeting.prompt` is
 * `greeting`), for files written by hand.
 */
export interface PromptFile {
  readonly name: string;
  readonly content: string;
  /** The template's id and its workspace, once it exists. */
  readonly id?: string | undefined;
  readonly workspaceId?: string | undefined;
  /** `System` for a workspace's built-in (read-only) template; absent for Custom ones. */
  readonly type?: "System" | undefined;
}

/** A file that cannot be read as a template: where, and why. */
export interface PromptFileProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const FENCE = "---";
const KEYS = ["name", "type", "workspace", "id"] as const;

export function formatPromptFile(file: PromptFile): string {
  const lines = [FENCE, `name: ${JSON.stringify(file.name)}`];
  if (file.type === "System") lines.push(`type: ${JSON.stringify(file.type)}`);
  if (file.id !== undefined) {
    if (file.workspaceId !== undefined)
      lines.push(`workspace: ${JSON.stringify(file.workspaceId)}`);
    lines.push(`id: ${JSON.stringify(file.id)}`);
  }
  lines.push(FENCE);
  return `${lines.join("\n")}\n${file.content}`;
}

/**
 * Reads a file's text (already decoded). `fallbackName` is the name of a file without a header.
 * `contentLine` is the file's line where the content starts (1 without a header), so that
 * positions in the content can be given as positions in the file.
 * A file that starts like a header but is not a valid one is a problem, not content: guessing
 * would create a template named after the file with the header as its text.
 */
export function parsePromptFile(
  text: string,
  fallbackName: string,
): { file: PromptFile; contentLine: number } | { problem: PromptFileProblem } {
  const firstLineEnd = lineEnd(text, 0);
  if (text.slice(0, firstLineEnd.end) !== FENCE) {
    return { file: { name: fallbackName, content: text }, contentLine: 1 };
  }

  const values: Partial<Record<(typeof KEYS)[number], string>> = {};
  let position = firstLineEnd.next;
  let lineNumber = 2;
  while (true) {
    if (position >= text.length) {
      return problem(lineNumber, 1, `the header opened on line 1 has no closing "${FENCE}" line`);
    }
    const { end, next } = lineEnd(text, position);
    const line = text.slice(position, end);
    if (line === FENCE) {
      position = next;
      break;
    }
    const colon = line.indexOf(":");
    if (colon === -1) {
      return problem(
        lineNumber,
        1,
        `${JSON.stringify(line.slice(0, 40))} is not a "key: value" header line (is the closing "${FENCE}" line missing?)`,
      );
    }
    const key = line.slice(0, colon);
    if (!(KEYS as readonly string[]).includes(key)) {
      return problem(
        lineNumber,
        1,
        `unknown header line ${JSON.stringify(line.slice(0, 40))}; expected ${KEYS.map((name) => `${name}: "…"`).join(", ")}`,
      );
    }
    const rawValue = line.slice(colon + 1).trim();
    let value: unknown;
    try {
      value = JSON.parse(rawValue);
    } catch {
      value = undefined;
    }
    if (typeof value !== "string") {
      return problem(
        lineNumber,
        colon + 2,
        `${key} must be a JSON string in double quotes, e.g. ${key}: "…"`,
      );
    }
    if (values[key as (typeof KEYS)[number]] !== undefined) {
      return problem(lineNumber, 1, `${key} is given twice in the header`);
    }
    values[key as (typeof KEYS)[number]] = value;
    position = next;
    lineNumber += 1;
  }

  if (values.name === undefined) return problem(1, 1, 'the header has no name: "…" line');
  if (values.name === "") return problem(1, 1, "the name in the header is empty");
  if (values.workspace !== undefined && values.id === undefined) {
    return problem(1, 1, "the header names a workspace but no id");
  }
  if (values.type !== undefined && values.type !== "System") {
    return problem(1, 1, 'type can only be "System" (a Custom template has no type line)');
  }
  const file: PromptFile = {
    name: values.name,
    content: text.slice(position),
    id: values.id,
    workspaceId: values.workspace,
  };
  return {
    file: values.type === "System" ? { ...file, type: "System" } : file,
    // The line after the closing fence: where line numbers of the content start in the file.
    contentLine: lineNumber + 1,
  };
}

function problem(line: number, column: number, message: string): { problem: PromptFileProblem } {
  return { problem: { line, column, message } };
}

/** Where the line starting at `start` ends (before its `\n` or `\r\n`), and where the next starts. */
function lineEnd(text: string, start: number): { end: number; next: number } {
  const newline = text.indexOf("\n", start);
  if (newline === -1) return { end: text.length, next: text.length };
  const end = newline > start && text[newline - 1] === "\r" ? newline - 1 : newline;
  return { end, next: newline + 1 };
}

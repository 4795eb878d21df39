// biome-ignore-all lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
/**
 * Text from the service (names, content, messages) or from a file is data: printed raw, an
 * ESC in a template name would drive the reader's terminal (colours, cursor moves, a fake
 * prompt, a hyperlink, a window title). Everything such text brings is shown visibly instead:
 * C0 and C1 control characters and DEL as `\xNN`, and the bidirectional overrides and
 * isolates as `\u{NNNN}` (they reorder what is displayed, so a name could read as another).
 * Only text for people goes through here: `--json`, tsv and csv keep the exact value.
 */
const UNSAFE_INLINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// In a block (a template's content shown whole), line feeds and tabs are the text's own layout.
const UNSAFE_BLOCK =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function visible(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
    : `\\u{${code.toString(16).toUpperCase()}}`;
}

/** One line's worth of text (a name, a table cell): tabs and line breaks too are shown as `\t`, `\n`, `\r`. */
export function printableInline(text: string): string {
  return text.replace(UNSAFE_INLINE, visible);
}

/** Text shown whole (a template's content, a message): it keeps its line feeds and tabs. */
export function printableBlock(text: string): string {
  // CRLF is a line end; a lone CR would move the cursor back over what the line said.
  return text.replace(UNSAFE_BLOCK, visible).replace(/\r(?!\n)/g, "\\r");
}

// @promptmill/core/text: reading text people give and showing text the service holds, for
// programs that print (the CLI, the worker) or read files. Small and browser-safe: no `node:`
// imports, no client, no template language, so a program can load it for an error line.
export { decodeTextFile, type TextDecodeResult } from "./decode-text-file.js";
export { invalidUtf8Offset } from "./invalid-utf8-offset.js";
export { printableBlock, printableInline } from "./terminal-text.js";

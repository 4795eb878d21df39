/** The "Examples:" block commander prints after a command's own help. */
export function examples(...commandLines: string[]): string {
  return `\nExamples:\n${commandLines.map((line) => `  $ ${line}`).join("\n")}`;
}

/** `1 template`, `2 templates`: English plurals of the regular kind, enough for the CLI's nouns. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

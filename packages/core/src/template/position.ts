export interface SourcePosition {
  /** 1-based. `\r\n`, `\n` and `\r` each end a line. */
  readonly line: number;
  /** 1-based, in Unicode code points: a Chinese character or an emoji is one column. */
  readonly column: number;
}

/**
 * Maps UTF-16 offsets of one content string to line and column. The content is read once, on
 * the first call (so content without errors or findings never pays for it); every lookup after
 * that is two binary searches. Counting code points from the line start on each lookup instead
 * made content with many errors on one long line quadratic: 40,000 errors took seconds.
 */
export function createPositionLocator(content: string): (offset: number) => SourcePosition {
  let table: PositionTable | undefined;
  return (offset) => {
    table ??= readPositionTable(content);
    const lineIndex = countAtMost(table.lineStarts, offset) - 1;
    const lineStart = table.lineStarts[lineIndex] as number;
    // Each surrogate pair that ends before the offset on this line is one column, not two.
    const pairsOnLine = countBelow(table.pairEnds, offset) - countBelow(table.pairEnds, lineStart);
    return { line: lineIndex + 1, column: offset - lineStart - pairsOnLine + 1 };
  };
}

interface PositionTable {
  /** Offsets where lines start, ascending; the first is 0. */
  readonly lineStarts: readonly number[];
  /** Offsets of the low half of each surrogate pair, ascending. */
  readonly pairEnds: readonly number[];
}

/**
 * One pass over the content. Pairs are found left to right, as `for…of` finds them: a high
 * surrogate followed by a low one is a pair, any other surrogate stands alone (and counts as
 * one column, as `for…of` counts it). A line break is never a surrogate, so pairing from the
 * start of the content gives the same pairs as pairing from each line start.
 */
function readPositionTable(content: string): PositionTable {
  const lineStarts = [0];
  const pairEnds: number[] = [];
  for (let index = 0; index < content.length; index++) {
    const code = content.charCodeAt(index);
    if (code === 0x0d) {
      if (content.charCodeAt(index + 1) === 0x0a) index++;
      lineStarts.push(index + 1);
    } else if (code === 0x0a) {
      lineStarts.push(index + 1);
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = content.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        pairEnds.push(index);
      }
    }
  }
  return { lineStarts, pairEnds };
}

/** How many of the ascending `values` are at most `limit`. */
function countAtMost(values: readonly number[], limit: number): number {
  return countBelow(values, limit + 1);
}

/** How many of the ascending `values` are below `limit`. */
function countBelow(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

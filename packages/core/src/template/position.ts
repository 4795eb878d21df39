export interface SourcePosition {
  /** 1-based. `\r\n`, `\n` and `\r` each end a line. */
  readonly line: number;
  /** 1-based, in Unicode code points: a Chinese character or an emoji is one column. */
  readonly column: number;
}

/**
 * Maps UTF-16 offsets of one content string to line and column. The line table is built on
 * the first call, so content without errors or findings never pays for it.
 */
export function createPositionLocator(content: string): (offset: number) => SourcePosition {
  let lineStarts: number[] | undefined;
  return (offset) => {
    lineStarts ??= findLineStarts(content);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    const lineStart = lineStarts[low] as number;
    return { line: low + 1, column: countCodePoints(content, lineStart, offset) + 1 };
  };
}

function findLineStarts(content: string): number[] {
  const starts = [0];
  for (let index = 0; index < content.length; index++) {
    const code = content.charCodeAt(index);
    if (code === 0x0d) {
      if (content.charCodeAt(index + 1) === 0x0a) index++;
      starts.push(index + 1);
    } else if (code === 0x0a) {
      starts.push(index + 1);
    }
  }
  return starts;
}

/** A surrogate pair counts once and so does a lone surrogate, as `for…of` over a string does. */
function countCodePoints(content: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index++) {
    const code = content.charCodeAt(index);
    const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
    if (isHighSurrogate && index + 1 < end) {
      const next = content.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}

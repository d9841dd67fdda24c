import { readFile } from 'node:fs/promises';
import { finding } from '../core/findings/index.js';
import type { SourceItem } from './source-item.js';

/**
 * Reads a JSON array of records, giving each element the line it starts on. A malformed element
 * is reported and the others are still read; an unterminated array is reported as truncated.
 */
export async function* readJsonArray(path: string): AsyncGenerator<SourceItem> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  let i = text.indexOf('[');
  if (i === -1) {
    yield { line: 1, error: finding('PARSE_ERROR', '', 'expected a JSON array', 1) };
    return;
  }
  let line = 1 + countNewlines(text, 0, i);
  i++;
  while (i < text.length) {
    // Skip whitespace and commas between elements.
    let c = text.charCodeAt(i);
    while (i < text.length && (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2c)) {
      if (c === 0x0a) line++;
      c = text.charCodeAt(++i);
    }
    if (i >= text.length) break;
    if (c === 0x5d) return; // ]
    const startLine = line;
    const end = elementEnd(text, i);
    const slice = text.slice(i, end);
    line += countNewlines(text, i, end);
    i = end;
    let value: unknown;
    try {
      value = JSON.parse(slice);
    } catch (e) {
      const truncated = end >= text.length;
      const code = truncated ? 'TRUNCATED_RECORD' : 'PARSE_ERROR';
      yield {
        line: startLine,
        error: finding(
          code,
          '',
          truncated ? 'the file ends inside this record' : (e as Error).message,
          startLine,
        ),
      };
      if (truncated) return;
      continue;
    }
    yield { line: startLine, value };
  }
  yield { line, error: finding('TRUNCATED_RECORD', '', 'the array is not closed with ]', line) };
}

/** Index just past the element starting at `i`: scans strings and nesting, stops at a top-level , or ]. */
function elementEnd(text: string, i: number): number {
  let depth = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return i;
      depth--;
    } else if (c === 0x2c && depth === 0) return i;
  }
  return i;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { finding } from '../core/findings/index.js';
import type { SourceItem } from './source-item.js';

const NL = 0x0a;

/** A run of whole lines of an NDJSON file; `final` when it holds the file's unterminated last line. */
export interface LineChunk {
  readonly buf: Uint8Array;
  readonly firstLine: number;
  readonly lines: number;
  readonly final: boolean;
}

/**
 * Streams an NDJSON file as chunks of whole lines (about 1 MB each), numbering lines from 1.
 * Splitting is by bytes, so a chunk can be parsed anywhere, e.g. on a worker thread.
 */
export async function* readLineChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<LineChunk> {
  let carry: Buffer | undefined;
  let line = 1;
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    let buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    if (first) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const lastNl = buf.lastIndexOf(NL);
    if (lastNl === -1) {
      carry = buf;
      continue;
    }
    const whole = buf.subarray(0, lastNl + 1);
    const lines = countNewlines(whole);
    yield { buf: whole, firstLine: line, lines, final: false };
    line += lines;
    carry = lastNl + 1 < buf.length ? buf.subarray(lastNl + 1) : undefined;
  }
  if (carry !== undefined && carry.length > 0) yield { buf: carry, firstLine: line, lines: 1, final: true };
}

/** Parses the lines of a chunk. A bad line becomes an error item; the others are still read. */
export function parseChunk(chunk: LineChunk): SourceItem[] {
  const out: SourceItem[] = [];
  const buf = Buffer.from(chunk.buf.buffer, chunk.buf.byteOffset, chunk.buf.byteLength);
  const utf8 = isUtf8(buf);
  let line = chunk.firstLine;
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(NL, start);
    const last = end === -1;
    if (last) end = buf.length;
    const item = parseLine(buf, start, end, line, last && chunk.final, utf8);
    if (item !== undefined) out.push(item);
    line++;
    start = end + 1;
  }
  return out;
}

/** Streams an NDJSON file as records with their line numbers. */
export async function* readNdjson(path: string): AsyncGenerator<SourceItem> {
  for await (const chunk of readLineChunks(path)) yield* parseChunk(chunk);
}

function parseLine(
  buf: Buffer,
  start: number,
  end: number,
  line: number,
  truncatable: boolean,
  chunkIsUtf8: boolean,
): SourceItem | undefined {
  if (end > start && buf[end - 1] === 0x0d) end--;
  if (end <= start) return undefined;
  const bytes = buf.subarray(start, end);
  if (!chunkIsUtf8 && !isUtf8(bytes))
    return { line, error: finding('ENCODING_ERROR', '', 'the file must be UTF-8', line) };
  const text = bytes.toString('utf8');
  try {
    return { line, value: JSON.parse(text), text };
  } catch (e) {
    if (text.trim() === '') return undefined;
    const code = truncatable ? 'TRUNCATED_RECORD' : 'PARSE_ERROR';
    return { line, error: finding(code, '', (e as Error).message, line) };
  }
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(NL); i !== -1; i = buf.indexOf(NL, i + 1)) n++;
  return n;
}

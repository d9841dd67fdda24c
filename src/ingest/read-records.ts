import { open } from 'node:fs/promises';
import { readCsv } from './csv-reader.js';
import { readJsonArray } from './json-array-reader.js';
import { readNdjson } from './ndjson-reader.js';
import type { SourceItem } from './source-item.js';

export type InputFormat = 'ndjson' | 'json' | 'csv';

/** Picks the reader by extension; a `.json` file that does not start with `[` is read as NDJSON. */
export async function detectFormat(path: string): Promise<InputFormat> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (!lower.endsWith('.json')) return 'ndjson';
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(256), 0, 256, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    return head.startsWith('[') ? 'json' : 'ndjson';
  } finally {
    await fh.close();
  }
}

/** Streams the records of one input file in any supported format. */
export async function* readRecords(path: string, format?: InputFormat): AsyncGenerator<SourceItem> {
  const f = format ?? (await detectFormat(path));
  if (f === 'csv') yield* readCsv(path);
  else if (f === 'json') yield* readJsonArray(path);
  else yield* readNdjson(path);
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords } from './read-records.js';
import type { SourceItem } from './source-item.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-readers-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function all(path: string): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const item of readRecords(path)) out.push(item);
  return out;
}
const summary = (items: SourceItem[]) =>
  items.map((i) => (i.error === undefined ? [i.line, 'ok'] : [i.line, i.error.code, i.error.line]));

describe('NDJSON', () => {
  it('numbers lines, skips blank ones, reports a malformed line and reads on', async () => {
    const p = file('a.ndjson', '{"type":"arrival"}\n\n{not json}\r\n{"type":"cancellation"}\n');
    expect(summary(await all(p))).toEqual([
      [1, 'ok'],
      [3, 'PARSE_ERROR', 3],
      [4, 'ok'],
    ]);
  });

  it('reports a file cut off in the middle of its last record as truncated', async () => {
    const p = file('b.ndjson', '{"type":"arrival"}\n{"type":"filing","id":"X');
    expect(summary(await all(p))).toEqual([
      [1, 'ok'],
      [2, 'TRUNCATED_RECORD', 2],
    ]);
  });

  it('reports a line that is not UTF-8 and keeps the others', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"a":1}\n{"name":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n{"b":2}\n'),
    ]);
    expect(summary(await all(file('c.ndjson', bad)))).toEqual([
      [1, 'ok'],
      [2, 'ENCODING_ERROR', 2],
      [3, 'ok'],
    ]);
  });

  it('accepts a UTF-8 byte order mark and a last line without newline', async () => {
    const items = await all(file('d.ndjson', '\uFEFF{"a":1}\n{"b":2}'));
    expect(items.map((i) => i.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('numbers lines correctly across chunk boundaries of a large file', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      JSON.stringify({ n: i + 1, pad: 'x'.repeat(i % 97) }),
    );
    const items = await all(file('e.ndjson', `${lines.join('\n')}\n`));
    expect(items).toHaveLength(30_000);
    expect(items.every((it) => (it.value as { n: number }).n === it.line)).toBe(true);
  });
});

describe('JSON array', () => {
  it('gives each element the line it starts on and reads past a malformed one', async () => {
    const p = file(
      'a.json',
      '[\n  {"type":"arrival",\n   "x":"a,]}"},\n  {bad},\n  {"type":"cancellation"}\n]\n',
    );
    expect(summary(await all(p))).toEqual([
      [2, 'ok'],
      [4, 'PARSE_ERROR', 4],
      [5, 'ok'],
    ]);
  });

  it('reports an array cut off mid-record', async () => {
    const p = file('b.json', '[{"a":1},\n{"b":');
    expect(summary(await all(p))).toEqual([
      [1, 'ok'],
      [2, 'TRUNCATED_RECORD', 2],
    ]);
  });
});

describe('CSV', () => {
  const header =
    'type,id,version,consignee.name,declaredValue,estimatedArrival,lines.hts,lines.value,lines.pga,conveyanceId,arrivedAt,port';
  it('groups adjacent rows of one filing into its lines and builds nested fields and numbers', async () => {
    const p = file(
      'a.csv',
      `${header}\nfiling,F1,1,Ann Lee,30,2025-08-20T10:00:00Z,6109100012,10,FD1:FDA,,,\nfiling,F1,1,Ann Lee,30,2025-08-20T10:00:00Z,6110202079,20,,,,\narrival,,,,,,,,,CV1,2025-08-20T12:00:00Z,4701\n`,
    );
    const items = await all(p);
    expect(items.map((i) => i.line)).toEqual([2, 4]);
    expect(items[0]!.value).toEqual({
      type: 'filing',
      id: 'F1',
      version: 1,
      consignee: { name: 'Ann Lee' },
      declaredValue: 30,
      estimatedArrival: '2025-08-20T10:00:00Z',
      lines: [
        { hts: '6109100012', value: 10, pga: [{ agency: 'FD1', code: 'FDA' }] },
        { hts: '6110202079', value: 20 },
      ],
    });
    expect(items[1]!.value).toEqual({
      type: 'arrival',
      conveyanceId: 'CV1',
      arrivedAt: '2025-08-20T12:00:00Z',
      port: '4701',
    });
  });

  it('reports rows of one filing that disagree on a header field, with the row and field', async () => {
    const p = file(
      'b.csv',
      `${header}\nfiling,F1,1,Ann Lee,30,2025-08-20T10:00:00Z,6109100012,10,,,,\nfiling,F1,1,Anne Lee,30,2025-08-20T10:00:00Z,6110202079,20,,,,\n`,
    );
    const items = await all(p);
    expect(summary(items)).toEqual([[3, 'CSV_INCONSISTENT', 3]]);
    expect(items[0]!.error!.path).toBe('/consignee/name');
  });

  it('reports a row with the wrong number of cells and reads on', async () => {
    const p = file(
      'c.csv',
      `${header}\narrival,,,,,,,,,CV1,2025-08-20T12:00:00Z\narrival,,,,,,,,,CV2,2025-08-20T12:00:00Z,4701\n`,
    );
    expect(summary(await all(p))).toEqual([
      [2, 'PARSE_ERROR', 2],
      [3, 'ok'],
    ]);
  });
});

import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { finding } from '../core/findings/index.js';
import type { SourceItem } from './source-item.js';

/**
 * CSV input: one row per line item, header columns named by their path in the filing
 * (`consignee.address.postalCode`), line-item columns prefixed `lines.` (`lines.hts`). Consecutive
 * rows with the same type, id and version form one filing; arrival and cancellation rows stand alone.
 * `estimatedArrival` may hold several instants separated by `|`; `lines.pga` holds `AGENCY:CODE;…`.
 */
const NUMERIC = new Set([
  'version',
  'grossWeightKg',
  'declaredValue',
  'marketplace.listedPrice',
  'lines.quantity',
  'lines.value',
  'lines.weightKg',
]);

interface Group {
  line: number;
  key: string;
  header: Record<string, string>;
  value: Record<string, unknown>;
  lines: Record<string, unknown>[];
  errors: SourceItem[];
}

export async function* readCsv(path: string): AsyncGenerator<SourceItem> {
  const skipped: SourceItem[] = [];
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      columns: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (err: Error & { lines?: number }) => {
    const line = err.lines ?? 0;
    skipped.push({ line, error: finding('PARSE_ERROR', '', err.message, line) });
  });
  let group: Group | undefined;
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield* skipped.splice(0);
    const line = info.lines;
    const type = record.type ?? '';
    const key =
      type === 'filing' || type === 'amendment' ? `${type}\u0000${record.id}\u0000${record.version}` : '';
    if (group !== undefined && key !== '' && key === group.key) {
      addLine(group, record, line);
      continue;
    }
    if (group !== undefined) yield* finish(group);
    group = undefined;
    if (key === '') {
      yield { line, value: unflatten(record, false) };
      continue;
    }
    group = { line, key, header: headerOf(record), value: unflatten(record, false), lines: [], errors: [] };
    addLine(group, record, line);
  }
  yield* skipped.splice(0);
  if (group !== undefined) yield* finish(group);
}

function* finish(g: Group): Generator<SourceItem> {
  if (g.errors.length > 0) {
    yield* g.errors;
    return;
  }
  yield { line: g.line, value: { ...g.value, lines: g.lines } };
}

function addLine(g: Group, record: Record<string, string>, line: number): void {
  const header = headerOf(record);
  for (const [k, v] of Object.entries(header)) {
    if (g.header[k] !== v) {
      g.errors.push({
        line,
        error: finding(
          'CSV_INCONSISTENT',
          `/${k.replaceAll('.', '/')}`,
          `'${v}' here, '${g.header[k] ?? ''}' on line ${g.line}`,
          line,
        ),
      });
    }
  }
  const item = unflatten(record, true);
  if (Object.keys(item).length > 0) g.lines.push(item);
}

function headerOf(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) if (!k.startsWith('lines.') && v !== '') out[k] = v;
  return out;
}

/** Builds the nested record from path-named columns; `lineItem` picks the `lines.` columns. */
function unflatten(record: Record<string, string>, lineItem: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [col, raw] of Object.entries(record)) {
    if (raw === '' || col.startsWith('lines.') !== lineItem) continue;
    const path = lineItem ? col.slice('lines.'.length) : col;
    let value: unknown = raw;
    if (NUMERIC.has(col)) value = raw.trim() === '' || Number.isNaN(Number(raw)) ? raw : Number(raw);
    else if (col === 'estimatedArrival' && raw.includes('|')) value = raw.split('|').map((s) => s.trim());
    else if (col === 'lines.pga')
      value = raw.split(';').map((p) => {
        const [agency = '', code = ''] = p.split(':');
        return { agency: agency.trim(), code: code.trim() };
      });
    setPath(out, path.split('.'), value);
  }
  return out;
}

function setPath(obj: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    const next = node[k];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else node = node[k] = {};
  }
  node[keys[keys.length - 1]!] = value;
}

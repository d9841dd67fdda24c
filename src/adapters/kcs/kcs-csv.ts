import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { KCS_COLUMNS, KCS_HS_ALIASES, type KcsDeclaration } from '../../core/model/kcs-declaration.js';

/**
 * Reader for Korea Customs Service declarations in the published CSV format (header as in
 * `df_syn_*_eng.csv`; columns may come in any order, extra columns are ignored, the two labels are
 * optional). Streams line by line so that a large export never sits in memory as text. A bad row stops
 * the read with the file, line and column; silently skipping rows would change what a metric measures.
 */
export type KcsErrorCode = 'KCS_EMPTY' | 'KCS_HEADER' | 'KCS_CELLS' | 'KCS_VALUE' | 'KCS_CSV';

export class KcsFormatError extends Error {
  constructor(
    readonly code: KcsErrorCode,
    readonly file: string,
    readonly line: number,
    readonly column: string | undefined,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${code}: ${column === undefined ? '' : `column '${column}': `}${detail}`);
    this.name = 'KcsFormatError';
  }
}

type Field = keyof typeof KCS_COLUMNS;
const OPTIONAL: ReadonlySet<Field> = new Set(['sellerId', 'courierId', 'fraud', 'criticalFraud']);
/** Cells that must not be empty: identifiers and codes the features are built from. */
const REQUIRED_VALUE: ReadonlySet<Field> = new Set([
  'declarationId',
  'date',
  'hsCode',
  'originCountry',
  'taxRate',
  'netMassKg',
  'itemPriceKrw',
]);

export async function* readKcsDeclarations(file: string): AsyncGenerator<KcsDeclaration> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let columns: Map<Field, number> | undefined;
  let width = 0;
  try {
    for await (const raw of rl) {
      line++;
      const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (text.trim() === '') continue;
      const cells = splitLine(text, file, line);
      if (columns === undefined) {
        columns = headerColumns(cells, file, line);
        width = cells.length;
        continue;
      }
      if (cells.length !== width)
        throw new KcsFormatError(
          'KCS_CELLS',
          file,
          line,
          undefined,
          `${cells.length} cells where the header has ${width}`,
        );
      yield toDeclaration(cells, columns, file, line);
    }
  } finally {
    rl.close();
  }
  if (columns === undefined)
    throw new KcsFormatError('KCS_EMPTY', file, Math.max(1, line), undefined, 'no header');
}

export async function loadKcsDeclarations(file: string): Promise<KcsDeclaration[]> {
  const out: KcsDeclaration[] = [];
  for await (const d of readKcsDeclarations(file)) out.push(d);
  return out;
}

function headerColumns(cells: readonly string[], file: string, line: number): Map<Field, number> {
  const at = new Map(cells.map((c, i) => [c.trim(), i]));
  const columns = new Map<Field, number>();
  const missing: string[] = [];
  for (const [field, name] of Object.entries(KCS_COLUMNS) as [Field, string][]) {
    const names = field === 'hsCode' ? KCS_HS_ALIASES : [name];
    const i = names.map((n) => at.get(n)).find((x) => x !== undefined);
    if (i !== undefined) columns.set(field, i);
    else if (!OPTIONAL.has(field)) missing.push(name);
  }
  if (missing.length > 0)
    throw new KcsFormatError(
      'KCS_HEADER',
      file,
      line,
      undefined,
      `not a KCS declarations header: no column ${missing.map((m) => `'${m}'`).join(', ')}`,
    );
  return columns;
}

function toDeclaration(
  cells: readonly string[],
  columns: ReadonlyMap<Field, number>,
  file: string,
  line: number,
): KcsDeclaration {
  const text = (f: Field): string => {
    const i = columns.get(f);
    const v = i === undefined ? '' : cells[i]!.trim();
    if (v === '' && REQUIRED_VALUE.has(f))
      throw new KcsFormatError('KCS_VALUE', file, line, name(f), 'empty');
    return v;
  };
  const num = (f: Field): number => {
    const v = text(f);
    const x = Number(v);
    if (!Number.isFinite(x) || x < 0)
      throw new KcsFormatError('KCS_VALUE', file, line, name(f), `'${v}' is not a non-negative number`);
    return x;
  };
  const date = text('date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new KcsFormatError('KCS_VALUE', file, line, name('date'), `'${date}' is not a YYYY-MM-DD date`);
  const hsCode = text('hsCode');
  if (!/^\d{4,10}$/.test(hsCode))
    throw new KcsFormatError('KCS_VALUE', file, line, name('hsCode'), `'${hsCode}' is not an HS code`);
  const d: {
    -readonly [K in keyof KcsDeclaration]: KcsDeclaration[K];
  } = {
    declarationId: text('declarationId'),
    date,
    officeId: text('officeId'),
    processType: text('processType'),
    importType: text('importType'),
    importUse: text('importUse'),
    paymentType: text('paymentType'),
    transportMode: text('transportMode'),
    declarantId: text('declarantId'),
    importerId: text('importerId'),
    sellerId: text('sellerId'),
    courierId: text('courierId'),
    // The published file keeps HS codes as numbers, so a leading zero (chapters 01–09) may be lost.
    hsCode: hsCode.length % 2 === 1 ? `0${hsCode}` : hsCode,
    departureCountry: text('departureCountry'),
    originCountry: text('originCountry'),
    taxRate: num('taxRate'),
    taxType: text('taxType'),
    originIndicator: text('originIndicator'),
    netMassKg: num('netMassKg'),
    itemPriceKrw: num('itemPriceKrw'),
  };
  if (columns.has('fraud')) {
    const v = text('fraud');
    if (v !== '0' && v !== '1')
      throw new KcsFormatError('KCS_VALUE', file, line, name('fraud'), `'${v}' is not 0 or 1`);
    d.fraud = v === '1';
  }
  if (columns.has('criticalFraud')) {
    const v = text('criticalFraud');
    if (v !== '0' && v !== '1' && v !== '2')
      throw new KcsFormatError('KCS_VALUE', file, line, name('criticalFraud'), `'${v}' is not 0, 1 or 2`);
    d.criticalFraud = Number(v) as 0 | 1 | 2;
  }
  return d;
}

function name(f: Field): string {
  return KCS_COLUMNS[f];
}

/** One CSV line (RFC 4180 quoting; the published files have no line breaks inside cells). */
function splitLine(text: string, file: string, line: number): string[] {
  if (!text.includes('"')) return text.split(',');
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1)
          throw new KcsFormatError('KCS_CSV', file, line, undefined, 'a quoted cell is never closed');
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    }
    const comma = text.indexOf(',', i);
    cell += text.slice(i, comma === -1 ? text.length : comma);
    cells.push(cell);
    if (comma === -1) return cells;
    i = comma + 1;
  }
}

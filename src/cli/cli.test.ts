import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Filing } from '../core/filing/schema.js';

// Against the built CLI (npm test builds first).
const cli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'minimis-cli-'));
const run = (...args: string[]) =>
  execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir });

const filing = (id: string, usd: number, extra: Partial<Filing> = {}): Filing => ({
  type: 'filing',
  id,
  version: 1,
  kind: 'type86',
  mode: 'air',
  filer: { code: 'BRK9', name: 'Test Brokerage', role: 'broker' },
  broker: { code: 'BRK9', name: 'Test Brokerage', role: 'broker' },
  conveyanceId: 'FL1',
  portOfEntry: '4701',
  filedAt: '2025-08-20T10:00:00Z',
  estimatedArrival: '2025-08-20T18:00:00Z',
  shipper: {
    name: 'Shenzhen Bright Star Trading Co., Ltd.',
    address: { line1: '12 Industrial Rd', city: 'Shenzhen', country: 'CN' },
  },
  consignee: {
    name: 'Ann Lee',
    address: {
      line1: '5 Elm Street',
      line2: 'Apt 2',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    },
  },
  grossWeightKg: usd / 40,
  declaredValue: usd,
  currency: 'USD',
  claim: 'section321',
  lines: [
    {
      hts: '6109.10.00.40',
      description: "women's knitted cotton T-shirt",
      quantity: 1,
      unit: 'PCS',
      value: usd,
      currency: 'USD',
      origin: 'VN',
      weightKg: usd / 40,
    },
  ],
  ...extra,
});

describe.skipIf(!existsSync(cli))('minimis CLI', () => {
  it('prints the filing and decision formats as JSON Schema', () => {
    const schema = JSON.parse(run('schema', 'filing'));
    expect(schema.$schema).toContain('json-schema.org');
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'consignee', 'lines']));
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(JSON.parse(run('schema', 'decision')).properties)).toEqual(
      expect.arrayContaining(['filingId', 'version', 'status', 'codes', 'findings', 'party', 'lane', 'risk']),
    );
  });

  it('screens the good lines of a damaged file, reports the bad ones with their line, and writes CSV decisions', () => {
    const lines = [
      JSON.stringify(filing('A', 500)),
      '{"type":"filing", not json',
      JSON.stringify({ ...filing('B', 400, { filedAt: '2025-08-20T11:00:00Z' }), colour: 'red' }),
      JSON.stringify(
        filing('C', 400, {
          filedAt: '2025-08-20T11:00:00Z',
          consignee: { ...filing('x', 1).consignee, name: 'LEE, ANN' },
        }),
      ),
      JSON.stringify({
        type: 'arrival',
        conveyanceId: 'FL1',
        arrivedAt: '2025-08-20T19:00:00Z',
        port: '4701',
      }),
      '{"type":"filing","id":"TRUNC',
    ];
    const input = join(dir, 'in.ndjson');
    writeFileSync(input, lines.join('\n'));
    const out = join(dir, 'out.csv');
    const summary = JSON.parse(run('screen', input, '--out', out, '--json', '--no-hts'));
    expect(summary.byStatus).toEqual({ released: 1, withheld: 1 });
    expect(
      summary.recordFindings.map((f: { line: number; code: string; path: string }) => [
        f.line,
        f.code,
        f.path,
      ]),
    ).toEqual([
      [2, 'PARSE_ERROR', ''],
      [3, 'UNKNOWN_FIELD', '/colour'],
      [6, 'TRUNCATED_RECORD', ''],
    ]);
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^filingId,version,status,codes,partyKey/);
    expect(csv.slice(1).map((r) => r.split(',').slice(0, 4))).toEqual([
      ['A', '1', 'released', '1C'],
      ['C', '1', 'withheld', '4M AGG_MAY_EXCEED'],
    ]);
  });
});

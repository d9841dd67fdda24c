import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { createRng } from '../core/model/prng.js';
import { ModelFileError, registerModelCommand } from './model-command.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-model-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER =
  'Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,Country of Departure,Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,Net Mass,Item Price,Fraud,Critical Fraud';

/** Declarations where fraud sits on HS 610910 from VN: a pattern the model has to find. */
function kcsFile(name: string, rows: number, seed: number): string {
  const rng = createRng(seed);
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const hs = rng.next() < 0.4 ? '610910' : '440890';
    const origin = rng.next() < 0.5 ? 'VN' : 'CN';
    const fraud = rng.next() < (hs === '610910' && origin === 'VN' ? 0.8 : 0.1) ? 1 : 0;
    const price = (1000 + rng.int(90000)).toFixed(1);
    lines.push(
      `${10000000 + i},2020-02-${String(1 + (i % 28)).padStart(2, '0')},30,B,11,21,11,10,D${i % 9},I${i % 40},S${i % 13},,${hs},${origin},${origin},8.0,A,G,${1 + rng.int(300)}.0,${price},${fraud},${fraud}`,
    );
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function minimis(...args: string[]): Promise<void> {
  const program = new Command().name('minimis').exitOverride();
  registerModelCommand(program);
  await program.parseAsync(['node', 'minimis', ...args]);
}

let stdout: MockInstance;
let output: string;
beforeEach(() => {
  output = '';
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
});
afterEach(() => stdout.mockRestore());

describe('minimis model', () => {
  const train = kcsFile('train.csv', 1500, 1);
  const valid = kcsFile('valid.csv', 600, 2);
  const model = join(dir, 'model.json');

  it('trains on a KCS file and evaluates on another, as JSON', async () => {
    await minimis(
      'model',
      'train',
      '--kcs',
      train,
      '--out',
      model,
      '--seed',
      '3',
      '--rounds',
      '30',
      '--json',
    );
    const summary = JSON.parse(output) as { trees: number; trainRows: number; earlyStoppingRows: number };
    expect(summary.trainRows).toBe(1350);
    expect(summary.earlyStoppingRows).toBe(150);
    expect(summary.trees).toBeGreaterThan(0);
    expect(summary.trees).toBeLessThanOrEqual(30);
    expect(JSON.parse(readFileSync(model, 'utf8'))).toMatchObject({ format: 'minimis-gbdt', version: 1 });

    output = '';
    await minimis('model', 'evaluate', '--kcs', valid, '--model', model, '--json');
    const e = JSON.parse(output) as {
      rows: number;
      auc: number;
      revenueBasis: string;
      at: { percent: number; inspected: number; precision: number; recall: number; revenue: number }[];
    };
    expect(e.rows).toBe(600);
    expect(e.revenueBasis).toBe('duty');
    expect(e.at.map((a) => a.percent)).toEqual([1, 2, 5, 10]);
    expect(e.at.map((a) => a.inspected)).toEqual([6, 12, 30, 60]);
    // About 20 % of the rows sit in the fraudulent cell, where 80 % are fraud; elsewhere 10 %.
    expect(e.at[3]!.precision).toBeGreaterThan(0.6);
    expect(e.auc).toBeGreaterThan(0.7);
  });

  it('uses --valid for early stopping and prints a readable evaluation', async () => {
    await minimis('model', 'train', '--kcs', train, '--valid', valid, '--out', model, '--rounds', '10');
    expect(output).toMatch(
      /^Trained \d+ trees on 1,500 declarations \(\d+ features, early stopping on .*valid\.csv\)/,
    );
    output = '';
    await minimis('model', 'evaluate', '--kcs', valid, '--model', model, '--revenue', 'value');
    expect(output).toMatch(/600 declarations, \d+ fraudulent; AUC 0\.\d{3}/);
    expect(output).toMatch(
      /top {3}5 % \( {3}30\): precision +\d+\.\d % +recall +\d+\.\d % +revenue \(value\)/,
    );
  });

  it('is deterministic for a seed', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    await minimis('model', 'train', '--kcs', train, '--out', a, '--seed', '9', '--rounds', '15');
    await minimis('model', 'train', '--kcs', train, '--out', b, '--seed', '9', '--rounds', '15');
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('refuses a file that is not a model, with its code', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "xgboost"}');
    const err = await minimis('model', 'evaluate', '--kcs', valid, '--model', bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err).toMatchObject({ code: 'MODEL_FORMAT', file: bad });
    await expect(
      minimis('model', 'evaluate', '--kcs', join(dir, 'none.csv'), '--model', model),
    ).rejects.toThrow(/none\.csv: no such file/);
  });

  it('takes one source of outcomes, and the options that go with it', async () => {
    await expect(
      minimis('model', 'train', '--kcs', train, '--db', join(dir, 'x.db'), '--out', model),
    ).rejects.toThrow(/either --kcs <file> or --db <file>, not both/);
    await expect(
      minimis('model', 'train', '--kcs', train, '--out', model, '--random-weight', '5'),
    ).rejects.toThrow(/--random-weight goes with --db/);
    await expect(
      minimis('model', 'train', '--db', join(dir, 'x.db'), '--valid', valid, '--out', model),
    ).rejects.toThrow(/--valid goes with --kcs/);
    await expect(
      minimis('model', 'evaluate', '--kcs', valid, '--model', model, '--revenue', 'penalty'),
    ).rejects.toThrow(/--revenue penalty goes with --db/);
    await expect(
      minimis('model', 'evaluate', '--db', join(dir, 'x.db'), '--model', model, '--revenue', 'duty'),
    ).rejects.toThrow(/--revenue duty goes with --kcs/);
    await expect(minimis('model', 'train', '--db', join(dir, 'none.db'), '--out', model)).rejects.toThrow(
      /none\.db: no such database/,
    );
  });

  it('refuses a KCS model where outcomes of minimis filings are evaluated', async () => {
    await minimis('model', 'train', '--kcs', train, '--out', model, '--rounds', '5');
    const db = join(dir, 'store.db');
    new SqliteStore(db).close();
    await expect(minimis('model', 'evaluate', '--db', db, '--model', model)).rejects.toMatchObject({
      code: 'MODEL_PIPELINE',
    });
  });

  it('requires --kcs and --out, and a positive --rounds', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(minimis('model', 'train', '--out', model)).rejects.toThrow(/--kcs <file>/);
      await expect(
        minimis('model', 'train', '--kcs', train, '--out', model, '--rounds', '0'),
      ).rejects.toThrow(/--rounds must be a positive integer/);
    } finally {
      err.mockRestore();
    }
  });
});

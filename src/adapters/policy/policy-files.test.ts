import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadParameterFile, PolicyFileError } from './load-policies.js';

/** Bad parameter files fail with the file, the line and the value at fault. */
function fileWith(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'minimis-policy-')), 'p.yaml');
  writeFileSync(f, text);
  return f;
}
function errorOf(text: string): PolicyFileError {
  const f = fileWith(text);
  try {
    loadParameterFile(f);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyFileError);
    expect((e as PolicyFileError).file).toBe(f);
    return e as PolicyFileError;
  }
  throw new Error('expected an error');
}

describe('parameter files', () => {
  it('reads dates as 00:00 Eastern and Eastern wall-clock times', () => {
    const h = loadParameterFile(
      fileWith(`parameters:
  threshold-usd:
    values:
      - value: 200
        citation: a
      - from: 2025-05-02T00:01
        value: 800
        citation: b
`),
    ).get('threshold-usd')!;
    expect(h.values[0]!.fromMs).toBe(Number.NEGATIVE_INFINITY);
    expect(new Date(h.values[1]!.fromMs).toISOString()).toBe('2025-05-02T04:01:00.000Z');
    expect(h.values[1]!.source).toEqual({ file: 'p.yaml', line: 6 });
  });
  it('rejects an overlapping history', () => {
    const e = errorOf(`parameters:
  threshold-usd:
    values:
      - from: 2020-01-01
        until: 2021-06-01
        value: 200
        citation: a
      - from: 2021-01-01
        value: 800
        citation: b
`);
    expect(e.code).toBe('HISTORY_OVERLAP');
    expect(e.line).toBe(4);
  });
  it('rejects a history that leaves a gap', () => {
    const e = errorOf(`parameters:
  threshold-usd:
    values:
      - from: 2020-01-01
        until: 2020-06-01
        value: 200
        citation: a
      - from: 2021-01-01
        value: 800
        citation: b
`);
    expect(e.code).toBe('HISTORY_GAP');
    expect(e.message).toMatch(/2020-06-01.*2021-01-01/);
  });
  it('rejects values out of time order', () => {
    const e = errorOf(`parameters:
  threshold-usd:
    values:
      - from: 2021-01-01
        value: 200
        citation: a
      - from: 2020-01-01
        value: 800
        citation: b
`);
    expect(e.code).toBe('HISTORY_UNORDERED');
    expect(e.line).toBe(7);
  });
  it('names an unknown parameter, a bad date and a malformed value with their line', () => {
    expect(errorOf('parameters:\n  treshold-usd:\n    values: []\n')).toMatchObject({
      code: 'POLICY_UNKNOWN_PARAMETER',
      line: 2,
    });
    expect(
      errorOf(
        'parameters:\n  threshold-usd:\n    values:\n      - from: 2025-02-30\n        value: 1\n        citation: a\n',
      ),
    ).toMatchObject({ code: 'POLICY_DATE', line: 4 });
    const bad = errorOf(
      'parameters:\n  threshold-usd:\n    values:\n      - value: "eight hundred"\n        citation: a\n',
    );
    expect(bad).toMatchObject({ code: 'POLICY_VALUE', line: 4 });
    expect(bad.message).toMatch(/eight hundred/);
  });
  it('requires a citation on every value', () => {
    expect(errorOf('parameters:\n  threshold-usd:\n    values:\n      - value: 800\n')).toMatchObject({
      code: 'POLICY_SHAPE',
      line: 4,
    });
  });
  it('reports YAML syntax errors with their line', () => {
    expect(errorOf('parameters:\n  threshold-usd:\n    values:\n      - value: [800\n')).toMatchObject({
      code: 'POLICY_YAML',
    });
  });
});

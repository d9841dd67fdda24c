import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aFiling, aLine, anAmendment } from '../validation/test-support/filing-builder.js';
import { checkRecord, MAX_SCHEMA_FINDINGS } from './index.js';

const findingsOf = (value: unknown) => {
  const r = checkRecord(value);
  if (r.ok) throw new Error('expected the record to fail');
  return r.findings;
};
/** A JSON copy, so tests can break it without typing gymnastics. */
const json = (v: unknown): Record<string, unknown> =>
  JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

describe('checkRecord', () => {
  it('accepts valid records of every type and hands back the same object', () => {
    const filing = aFiling();
    const r = checkRecord(filing);
    expect(r).toEqual({ ok: true, record: filing });
    expect(r.ok && r.record).toBe(filing);
    expect(checkRecord(anAmendment()).ok).toBe(true);
    expect(
      checkRecord({
        type: 'arrival',
        conveyanceId: 'SX1234',
        arrivedAt: '2025-08-20T17:55:00Z',
        port: '4701',
      }).ok,
    ).toBe(true);
    expect(checkRecord({ type: 'cancellation', id: 'BRK0012345678', version: 1 }).ok).toBe(true);
  });

  it('accepts an estimated arrival given as an array (the EDA count is a validation rule, not a schema one)', () => {
    expect(
      checkRecord(aFiling({ estimatedArrival: ['2025-08-20T18:00:00Z', '2025-08-21T18:00:00Z'] })).ok,
    ).toBe(true);
  });

  it('reports an unknown record type at /type', () => {
    expect(findingsOf({ ...aFiling(), type: 'filling' })).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_RECORD_TYPE',
        path: '/type',
        message: expect.stringContaining(
          "got 'filling'; expected one of filing, amendment, arrival, cancellation",
        ),
      }),
    ]);
    expect(findingsOf({ id: 'x' })[0]).toMatchObject({ code: 'UNKNOWN_RECORD_TYPE', path: '/type' });
    expect(findingsOf({ type: 'toString' })[0]).toMatchObject({ code: 'UNKNOWN_RECORD_TYPE' });
  });

  it('reports a value that is not an object at the root', () => {
    for (const v of [null, 42, 'filing', [aFiling()]])
      expect(findingsOf(v)).toEqual([expect.objectContaining({ code: 'SCHEMA_INVALID', path: '' })]);
  });

  it('names an unknown field in the path, at the top level and inside lines', () => {
    const top = findingsOf({ ...aFiling(), declaredValu: 3 });
    expect(top).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_FIELD',
        path: '/declaredValu',
        message: expect.stringContaining("'declaredValu' is not a field of the filing format"),
      }),
    ]);
    const nested = findingsOf(aFiling({ lines: [aLine(), { ...aLine(), colour: 'red' } as never] }));
    expect(nested.map((f) => [f.code, f.path])).toEqual([['UNKNOWN_FIELD', '/lines/1/colour']]);
  });

  it('escapes JSON-pointer characters in field names and unescapes them in the message', () => {
    const f = findingsOf({ ...aFiling(), 'a/b~c': 1 });
    expect(f[0]).toMatchObject({ path: '/a~1b~0c', message: expect.stringContaining("'a/b~c'") });
  });

  it('reports a wrong type inside lines with its path, what was expected and what was found', () => {
    const bad = json(aFiling({ lines: [aLine(), aLine(), aLine()] }));
    (bad.lines as Record<string, unknown>[])[2]!.hts = 6109100012;
    expect(findingsOf(bad)).toEqual([
      expect.objectContaining({
        code: 'SCHEMA_INVALID',
        path: '/lines/2/hts',
        message: expect.stringContaining('expected a string, got number 6109100012'),
      }),
    ]);
  });

  it('reports a missing field once, naming it', () => {
    const bad = json(aFiling());
    delete (bad.lines as Record<string, unknown>[])[0]!.quantity;
    expect(findingsOf(bad)).toEqual([
      expect.objectContaining({
        code: 'SCHEMA_INVALID',
        path: '/lines/0/quantity',
        message: expect.stringContaining("'quantity' is missing; expected a number"),
      }),
    ]);
  });

  it('collapses a bad literal of a union into one finding listing the allowed values', () => {
    const f = findingsOf({ ...aFiling(), kind: 'type87' });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      code: 'SCHEMA_INVALID',
      path: '/kind',
      message: expect.stringContaining(
        "expected one of type86, manifest321, postal, informal, formal, got 'type87'",
      ),
    });
  });

  it('reports the precise alternative of a union when the value has its kind', () => {
    const notInstant = findingsOf({ ...aFiling(), estimatedArrival: 'tomorrow' });
    expect(notInstant).toEqual([
      expect.objectContaining({ path: '/estimatedArrival', message: expect.stringContaining('RFC 3339') }),
    ]);
    const badItem = findingsOf({ ...aFiling(), estimatedArrival: ['2025-08-20T18:00:00Z', '20 Aug'] });
    expect(badItem.map((f) => f.path)).toEqual(['/estimatedArrival/1']);
    const neither = findingsOf({ ...aFiling(), estimatedArrival: 42 });
    expect(neither).toEqual([
      expect.objectContaining({
        path: '/estimatedArrival',
        message: expect.stringMatching(/or an array, got number 42/),
      }),
    ]);
  });

  it('reports constraint violations with the limit and the value', () => {
    expect(findingsOf({ ...aFiling(), lines: [] })[0]).toMatchObject({
      path: '/lines',
      message: expect.stringContaining('expected at least 1 item(s), got an empty array'),
    });
    expect(findingsOf({ ...aFiling(), version: 0 })[0]).toMatchObject({
      path: '/version',
      message: expect.stringContaining('at least 1, got number 0'),
    });
    expect(findingsOf({ ...aFiling(), currency: 'EURO' })[0]).toMatchObject({
      path: '/currency',
      message: expect.stringContaining("at most 3 characters, got 'EURO'"),
    });
  });

  it('reports several problems of one record, each path once', () => {
    const bad = json(aFiling({ lines: [aLine(), aLine()] }));
    bad.mode = 'boat';
    bad.grossWeightKg = '1';
    (bad.lines as Record<string, unknown>[])[1]!.value = null;
    bad.extra = true;
    const paths = findingsOf(bad).map((f) => f.path);
    expect(paths.sort()).toEqual(['/extra', '/grossWeightKg', '/lines/1/value', '/mode']);
  });

  it('stops after MAX_SCHEMA_FINDINGS findings', () => {
    const bad: Record<string, unknown> = json(aFiling());
    for (let i = 0; i < 50; i++) bad[`x${i}`] = i;
    expect(findingsOf(bad)).toHaveLength(MAX_SCHEMA_FINDINGS);
  });

  it('never throws, and reports each path at most once, whatever it is given', () => {
    const filingish = fc.record({
      type: fc.constantFrom('filing', 'amendment', 'arrival', 'cancellation', 'other'),
      id: fc.oneof(fc.string(), fc.integer()),
      version: fc.oneof(fc.integer(), fc.string()),
      kind: fc.string(),
      estimatedArrival: fc.oneof(fc.string(), fc.array(fc.string())),
      lines: fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), filingish), (v) => {
        const r = checkRecord(v);
        if (r.ok) return;
        expect(r.findings.length).toBeGreaterThan(0);
        const paths = r.findings.map((f) => f.path);
        expect(new Set(paths).size).toBe(paths.length);
      }),
    );
  });

  it('reports any added field at its exact path', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((k) => !(k in aLine())),
        fc.jsonValue(),
        (key, v) => {
          const line = { ...aLine(), [key]: v };
          const f = findingsOf(aFiling({ lines: [line as never] }));
          const escaped = key.replaceAll('~', '~0').replaceAll('/', '~1');
          expect(f).toEqual([
            expect.objectContaining({ code: 'UNKNOWN_FIELD', path: `/lines/0/${escaped}` }),
          ]);
        },
      ),
    );
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadUserList, readScreeningFile } from './user-list.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-user-list-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadUserList', () => {
  it('reads name, country, address and the optional id and program, in any column order', () => {
    const path = write(
      'watch.csv',
      'program,name,address,country,id\nFENTANYL,"Hubei Amarvel Biotech Co., Ltd.","Wuhan, Hubei",China,W-1\n,Jane Roe,,,\n',
    );
    expect(loadUserList(path)).toEqual([
      {
        listId: 'watch',
        entryId: 'W-1',
        type: 'entity',
        programs: ['FENTANYL'],
        names: [{ name: 'Hubei Amarvel Biotech Co., Ltd.', kind: 'primary' }],
        countries: ['CN'],
        addresses: [{ text: 'Wuhan, Hubei', country: 'CN' }],
      },
      {
        listId: 'watch',
        entryId: 'line 3',
        type: 'entity',
        programs: [],
        names: [{ name: 'Jane Roe', kind: 'primary' }],
        countries: [],
        addresses: [],
      },
    ]);
    expect(loadUserList(path, { listId: 'mine' })[0]!.listId).toBe('mine');
  });

  it('names file, line and field of bad input', () => {
    expect(() => loadUserList(write('a.csv', 'name,country\nAcme,CN\n'))).toThrow(
      /a\.csv:1: PARTIES_HEADER: header 'name,country' lacks column\(s\) address \(expected name,country,address,\[id\],\[program\]\)/,
    );
    expect(() => loadUserList(write('b.csv', 'name,country,address\nAcme,Atlantis,\n'))).toThrow(
      /b\.csv:2: PARTIES_COUNTRY: country 'Atlantis' is not an ISO 3166 code or a country name/,
    );
    expect(() => loadUserList(write('c.csv', 'name,country,address\nAcme,CN,\n  ,CN,\n'))).toThrow(
      /c\.csv:3: PARTIES_EMPTY_NAME: name is empty/,
    );
    expect(() => loadUserList(write('d.csv', 'name,country,address,id\nA,,,1\nB,,,1\n'))).toThrow(
      /d\.csv:3: PARTIES_DUPLICATE_ENTRY: id '1' appears twice/,
    );
    expect(() => loadUserList(write('e.csv', 'name,country,address\n'))).toThrow(
      /e\.csv: PARTIES_EMPTY: has no rows/,
    );
    expect(() => loadUserList(join(dir, 'none.csv'))).toThrow(/none\.csv: PARTIES_NO_FILE: no such file/);
  });
});

describe('readScreeningFile', () => {
  it('reads name with optional country and address, and keeps other columns', () => {
    const path = write('q.csv', 'label,name,country\n1,"AL ZAWAHIRI, Ayman",EG\n0,John Smith,\n');
    expect(readScreeningFile(path)).toEqual([
      { line: 2, name: 'AL ZAWAHIRI, Ayman', country: 'EG', extra: { label: '1' } },
      { line: 3, name: 'John Smith', extra: { label: '0' } },
    ]);
  });

  it('requires a name column and a name on every row', () => {
    expect(() => readScreeningFile(write('q1.csv', 'party,country\nX,CN\n'))).toThrow(
      /q1\.csv:1: PARTIES_HEADER: header 'party,country' lacks column\(s\) name/,
    );
    expect(() => readScreeningFile(write('q2.csv', 'name,country\n,CN\n'))).toThrow(
      /q2\.csv:2: PARTIES_EMPTY_NAME: name is empty/,
    );
  });
});

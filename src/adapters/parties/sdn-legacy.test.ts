import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PartyListError } from './party-list-error.js';
import { loadSdnLegacy, remarkAliases, remarkCountries } from './sdn-legacy.js';

const root = mkdtempSync(join(tmpdir(), 'minimis-sdn-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function folder(files: Record<string, string>): string {
  const dir = join(root, `sdn-${++n}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// The 2022 edition: LF, fields quoted only when needed, `-0- ` for empty.
const SDN_2022 = `36,AEROCARIBBEAN AIRLINES,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- 
173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- 
306,BANCO NACIONAL DE CUBA,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,a.k.a. 'BNC'.
2674,"ABBAS, Abu",individual,SDGT] [SYRIA,Director,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 10 Dec 1948; POB Nahia, Giza, Egypt; nationality Egypt."
7301,SEA STAR,vessel,DPRK,-0- ,HOAB,Cargo,-0- ,-0- ,"Korea, North",-0- ,-0- 
`;
const ALT_2022 = `36,12,aka,AERO-CARIBBEAN,-0- 
306,220,aka,NATIONAL BANK OF CUBA,-0- 
306,221,fka,"BANCO NACIONAL, S.A.",-0- 
`;
const ADD_2022 = `36,25,-0- ,"Havana","Cuba",-0- 
306,199,"Zweierstrasse 35","Zurich CH-8022","Switzerland",-0- 
306,200,-0- ,-0- ,"undetermined",-0- 
`;
// The 2024 edition: CRLF, every text field quoted, a ^Z at the end, no alt.csv or add.csv.
const SDN_2024 =
  '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n' +
  `3754,"ABU MARZOOK, Mousa Mohammed","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 09 Feb 1951; a.k.a. 'ABU-'UMAR'; f.k.a. 'MARZUQ, Musa'; citizen Jordan."\r\n` +
  '\x1a';

describe('loadSdnLegacy', () => {
  it('reads the 2022 edition with aliases, addresses, programs and countries', () => {
    const { entries, files, warnings } = loadSdnLegacy(
      folder({ 'sdn.csv': SDN_2022, 'alt.csv': ALT_2022, 'add.csv': ADD_2022 }),
    );
    expect(files.map((f) => f.split('/').pop())).toEqual(['sdn.csv', 'alt.csv', 'add.csv']);
    expect(warnings).toEqual([]);
    expect(entries.map((e) => `${e.entryId} ${e.type}`)).toEqual([
      '36 entity',
      '173 entity',
      '306 entity',
      '2674 individual',
      '7301 vessel',
    ]);
    const bank = entries.find((e) => e.entryId === '306')!;
    expect(bank).toMatchObject({
      listId: 'ofac-sdn',
      programs: ['CUBA'],
      names: [
        { name: 'BANCO NACIONAL DE CUBA', kind: 'primary' },
        { name: 'NATIONAL BANK OF CUBA', kind: 'aka' },
        { name: 'BANCO NACIONAL, S.A.', kind: 'fka' },
        { name: 'BNC', kind: 'remark-aka' },
      ],
      countries: ['CH'],
      addresses: [{ text: 'Zweierstrasse 35, Zurich CH-8022', country: 'CH' }],
    });
    expect(entries.find((e) => e.entryId === '2674')).toMatchObject({
      programs: ['SDGT', 'SYRIA'],
      countries: ['EG'],
      names: [{ name: 'ABBAS, Abu', kind: 'primary' }],
    });
    expect(entries.find((e) => e.entryId === '7301')!.countries).toEqual(['KP']);
    expect(entries.find((e) => e.entryId === '36')!.addresses).toEqual([{ text: 'Havana', country: 'CU' }]);
  });

  it('reads the 2024 edition (CRLF, all quoted, ^Z, no alt.csv) with aliases from the remarks', () => {
    const { entries, files } = loadSdnLegacy(folder({ 'SDN.CSV': SDN_2024 }));
    expect(files).toHaveLength(1);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      entryId: '3754',
      names: [
        { name: 'ABU MARZOOK, Mousa Mohammed', kind: 'primary' },
        { name: "ABU-'UMAR", kind: 'remark-aka' },
        { name: 'MARZUQ, Musa', kind: 'remark-aka' },
      ],
      countries: ['JO'],
    });
  });

  it('reads aliases and countries out of remarks', () => {
    expect(remarkAliases("a.k.a. 'THE CHESS PLAYER'; a.k.a. 'LUCAS'.").map((a) => a.name)).toEqual([
      'THE CHESS PLAYER',
      'LUCAS',
    ]);
    expect(
      remarkCountries('nationality Korea, North; citizen Iran; POB Damascus, Syria; Gender Male.'),
    ).toEqual(['KP', 'IR', 'SY']);
  });

  it('loads around a repeated ent_num and an alias of an unknown one, with warnings; strict refuses', () => {
    const dir = folder({
      'sdn.csv': `${SDN_2022}173,HAMER AND NAIL CONSTRUCTION LIMITED,-0- ,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n`,
      'alt.csv': `${ALT_2022}999,1,aka,NOBODY,-0- \n`,
    });
    const { entries, warnings } = loadSdnLegacy(dir);
    expect(entries.filter((e) => e.entryId === '173').map((e) => e.names[0]!.name)).toEqual([
      'ANGLO-CARIBBEAN CO., LTD.',
      'HAMER AND NAIL CONSTRUCTION LIMITED',
    ]);
    expect(warnings.map((w) => [w.code, w.line, w.field])).toEqual([
      ['PARTIES_DUPLICATE_ENTRY', 6, 'ent_num'],
      ['PARTIES_UNKNOWN_ENTRY', 4, 'ent_num'],
    ]);
    expect(warnings[1]!.message).toBe(
      `${join(dir, 'alt.csv')}:4: PARTIES_UNKNOWN_ENTRY: ent_num 999 is not in sdn.csv; row skipped`,
    );
    expect(() => loadSdnLegacy(dir, { strict: true })).toThrow(
      /sdn\.csv:6: PARTIES_DUPLICATE_ENTRY: ent_num 173 appears twice/,
    );
  });

  it('refuses malformed rows naming file, line and field', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        'field count',
        { 'sdn.csv': '36,AERO,-0- ,CUBA\n' },
        /sdn\.csv:1: PARTIES_FIELD_COUNT: has 4 fields, the legacy sdn\.csv/,
      ],
      [
        'ent_num',
        { 'sdn.csv': SDN_2022.replace('173,', 'X173,') },
        /sdn\.csv:2: PARTIES_ENTRY_ID: ent_num 'X173' is not a number/,
      ],
      [
        'type',
        { 'sdn.csv': SDN_2022.replace('individual', 'person') },
        /sdn\.csv:4: PARTIES_TYPE: SDN_Type 'person'/,
      ],
      [
        'name',
        { 'sdn.csv': SDN_2022.replace('SEA STAR', '-0- ') },
        /sdn\.csv:5: PARTIES_EMPTY_NAME: SDN_Name is empty/,
      ],
      [
        'alt type',
        { 'sdn.csv': SDN_2022, 'alt.csv': ALT_2022.replace('fka', 'xka') },
        /alt\.csv:3: PARTIES_ALIAS_TYPE: alt_type 'xka' is not aka, fka or nka/,
      ],
      [
        'quote',
        { 'sdn.csv': SDN_2022, 'add.csv': '36,25,"Havana,Cuba\n' },
        /add\.csv:1: PARTIES_CSV: not a readable CSV file: a quoted cell is never closed/,
      ],
      ['empty', { 'sdn.csv': '\n' }, /sdn\.csv: PARTIES_EMPTY: has no entries/],
      ['missing', { 'alt.csv': ALT_2022 }, /sdn\.csv: PARTIES_NO_FILE: no such file/],
    ];
    for (const [what, files, message] of cases) {
      const dir = folder(files);
      expect(() => loadSdnLegacy(dir), what).toThrow(message);
      try {
        loadSdnLegacy(dir);
      } catch (e) {
        expect(e, what).toBeInstanceOf(PartyListError);
      }
    }
    expect(() => loadSdnLegacy(join(root, 'nowhere'))).toThrow(/nowhere: PARTIES_NO_FILE: no such folder/);
  });
});

// The shared reference data sits beside the repository: <repo>/../shared/data.
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const PARTIES = resolve(REPO, '..', 'shared', 'data', 'parties');
const present = existsSync(join(PARTIES, 'ofac-sdn-2022-01', 'sdn.csv'));

describe.skipIf(!present)(
  present
    ? 'the real OFAC files'
    : `the real OFAC files — SKIPPED: ${PARTIES} not found (shared reference data absent)`,
  () => {
    it('loads both editions', () => {
      const jan22 = loadSdnLegacy(join(PARTIES, 'ofac-sdn-2022-01'));
      expect(jan22.entries).toHaveLength(9044);
      expect(jan22.entries.reduce((s, e) => s + e.names.length, 0)).toBeGreaterThan(20_000);
      // The snapshot repeats ent_num 2677 on its last row and has an address for the missing 34489.
      expect(jan22.warnings.map((w) => w.code)).toEqual(['PARTIES_DUPLICATE_ENTRY', 'PARTIES_UNKNOWN_ENTRY']);
      const may24 = loadSdnLegacy(join(PARTIES, 'ofac-sdn-2024-05'));
      expect(may24.entries).toHaveLength(14_965);
      expect(may24.warnings).toEqual([]);
      expect(may24.entries.find((e) => e.entryId === '306')!.names.map((x) => x.name)).toEqual([
        'BANCO NACIONAL DE CUBA',
        'BNC',
      ]);
    });
  },
);

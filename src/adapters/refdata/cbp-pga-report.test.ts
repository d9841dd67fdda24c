import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePgaReport } from './cbp-pga-report.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-pga-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const PREAMBLE = 'HTS Date:,2/21/2026,,,,,,,,,,,,,,,,,\n,,,,,,,,,,,,,,,,,,\n';
const HEADER =
  'Tariff Number,Description,Effective Date,Expiration Date,Census Qty 1,Census Qty 2,Census Qty 3,AD Duty,CV Duty,PGA 1,PGA 2,PGA 3,PGA 4,PGA 5,PGA 6,PGA 7,PGA 8,PGA 9,PGA 10\n';
const LINES = [
  '0101100010,"MALE HORSES, PUREBRED BREE",1/1/2002,12/31/2030,NO,,,N,N,,,,,,,,,,',
  '0101210010,"MALE HORSES, PUREBRED BREEDING",2/3/2012,12/31/2030,NO,,,N,N,AM7,FD3,,,,,,,,',
  '7306306000,"PIPES, WELDED, OTHER",7/1/2020,2/28/2026,KG,,,Y,Y,EP7,DT2,AL1,,,,,,,',
];
const report = (...lines: string[]) => `${PREAMBLE}${HEADER}${lines.join('\n')}\n`;

describe('parsePgaReport', () => {
  it('reads the HTS Date as the edition and each tariff number with its dates, flags and codes', () => {
    const r = parsePgaReport(write('pga.csv', report(...LINES)));
    expect(r.htsDate).toBe('2026-02-21');
    expect(r.lines).toHaveLength(3);
    expect(r.lines[0]).toEqual({
      hts10: '0101100010',
      description: 'MALE HORSES, PUREBRED BREE',
      effective: '2002-01-01',
      expires: '2030-12-31',
      adDuty: false,
      cvDuty: false,
      codes: [],
    });
    expect(r.lines[1]!.codes).toEqual(['AM7', 'FD3']);
    expect(r.lines[2]).toMatchObject({
      adDuty: true,
      cvDuty: true,
      expires: '2026-02-28',
      codes: ['EP7', 'DT2', 'AL1'],
    });
  });

  it('refuses a file without the preamble, naming line 1 and what it found', () => {
    const path = write('no-preamble.csv', `${HEADER}${LINES[0]}\n`);
    expect(() => parsePgaReport(path)).toThrow(
      `${path}:1: not a CBP HTS-PGA report: expected the preamble 'HTS Date:,M/D/YYYY', got 'Tariff Number,Description,`,
    );
  });

  it('refuses a preamble date that is not a date', () => {
    const path = write('bad-date.csv', report(...LINES).replace('2/21/2026', '2026-02-21'));
    expect(() => parsePgaReport(path)).toThrow(`${path}:1: HTS Date '2026-02-21' is not a date M/D/YYYY`);
  });

  it('refuses a renamed column, naming the header line', () => {
    const path = write('renamed.csv', report(...LINES).replace('AD Duty', 'AD'));
    expect(() => parsePgaReport(path)).toThrow(
      `${path}:3: not a CBP HTS-PGA report: missing column(s) AD Duty in header`,
    );
  });

  it('refuses a bad tariff number, flag, code or date, naming line and value', () => {
    const cases: [string, string][] = [
      [LINES[1]!.replace('0101210010', '101210010'), "Tariff Number '101210010' has 9 digits, expected 10"],
      [LINES[1]!.replace('NO,,,N,N', 'NO,,,N,X'), "CV Duty 'X' is not Y or N"],
      [LINES[1]!.replace('FD3', 'FDA3'), "PGA 2 'FDA3' is not a PGA flag code such as FD3"],
      [LINES[1]!.replace('2/3/2012', '2/30/2012'), "Effective Date '2/30/2012' is not a date M/D/YYYY"],
    ];
    for (const [line, problem] of cases) {
      const path = write('bad-line.csv', report(LINES[0]!, line));
      expect(() => parsePgaReport(path)).toThrow(`${path}:5: ${problem}`);
    }
  });

  it('refuses a tariff number listed twice', () => {
    const path = write('twice.csv', report(LINES[0]!, LINES[0]!));
    expect(() => parsePgaReport(path)).toThrow(
      `${path}:5: Tariff Number '0101100010' is listed again (line 4)`,
    );
  });
});

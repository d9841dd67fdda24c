import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RefdataFormatError } from './refdata-format-error.js';
import {
  parseAdcvdWarnings,
  parseSection232Rates,
  parseSection301Exclusions,
  parseSection301Rates,
} from './tariff-list-files.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-tariff-lists-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('parseSection301Rates', () => {
  it('reads 8-digit subheadings and their rates, BOM and CRLF as published', () => {
    const path = write('s301.csv', '\uFEFFhts8,s301_rate\r\n01012100,7.5\r\n84835090,25.0\r\n');
    expect(parseSection301Rates(path)).toEqual([
      { hts8: '01012100', percent: 7.5 },
      { hts8: '84835090', percent: 25 },
    ]);
  });

  it('accepts reordered and extra columns', () => {
    const path = write('s301-order.csv', 'list,s301_rate,hts8\n4A,7.5,0101.21.00\n');
    expect(parseSection301Rates(path)).toEqual([{ hts8: '01012100', percent: 7.5 }]);
  });

  it('refuses a renamed column, naming the file, line and header', () => {
    const path = write('s301-renamed.csv', 'hts8,rate\n01012100,7.5\n');
    expect(() => parseSection301Rates(path)).toThrow(
      `${path}:1: not a Section 301 rate list (hts8,s301_rate): missing column(s) s301_rate in header 'hts8,rate'`,
    );
  });

  it('refuses a bad HTS number, naming line and value, and spots a lost leading zero', () => {
    const bad = write('s301-bad-hts.csv', 'hts8,s301_rate\n01012100,7.5\n8483509X,25\n');
    expect(() => parseSection301Rates(bad)).toThrow(`${bad}:3: hts8 '8483509X' is not an HTS number`);
    const short = write('s301-short.csv', 'hts8,s301_rate\n1012100,7.5\n');
    expect(() => parseSection301Rates(short)).toThrow(
      `${short}:2: hts8 '1012100' has 7 digits, expected 8 (a leading zero lost by a spreadsheet?)`,
    );
  });

  it('refuses a bad percentage, naming line and value', () => {
    for (const value of ['25 pct', '-7.5', '', '1e3', '2500']) {
      const path = write('s301-bad-rate.csv', `hts8,s301_rate\n01012100,7.5\n84835090,${value}\n`);
      expect(() => parseSection301Rates(path)).toThrow(
        `${path}:3: s301_rate '${value}' is not a percentage from 0 to 1000`,
      );
    }
  });

  it('drops a repeated line but refuses a contradiction', () => {
    const same = write('s301-same.csv', 'hts8,s301_rate\n01012100,7.5\n01012100,7.5\n');
    expect(parseSection301Rates(same)).toHaveLength(1);
    const clash = write('s301-clash.csv', 'hts8,s301_rate\n01012100,7.5\n01012100,25\n');
    expect(() => parseSection301Rates(clash)).toThrow(
      `${clash}:3: hts8 '01012100' is listed again with '25' (line 2 has '7.5')`,
    );
  });

  it('refuses a file with a header only', () => {
    const path = write('s301-empty.csv', 'hts8,s301_rate\n');
    expect(() => parseSection301Rates(path)).toThrow(RefdataFormatError);
  });
});

describe('parseSection301Exclusions', () => {
  it('reads USTR numbers written 8483.50.9040 or fully dotted', () => {
    const path = write(
      'excl.csv',
      'HTSUS,Description\n8483.50.9040,Official USTR Exemption\n8414.30.80.30,"Compressors, other than screw type"\n',
    );
    expect(parseSection301Exclusions(path)).toEqual([
      { hts: '8483509040', description: 'Official USTR Exemption' },
      { hts: '8414308030', description: 'Compressors, other than screw type' },
    ]);
  });

  it('refuses a bad number, naming line and value', () => {
    const path = write('excl-bad.csv', 'HTSUS,Description\n8483.50.9040,ok\n8483.5.9040,bad\n');
    expect(() => parseSection301Exclusions(path)).toThrow(
      `${path}:3: HTSUS '8483.5.9040' is not an HTS number`,
    );
  });
});

describe('parseSection232Rates', () => {
  it('reads keys of 4 to 10 digits with their rate and category', () => {
    const path = write(
      's232.csv',
      'hts8,s232_rate,category\n7610,25.0,Aluminum\n76101000,50.0,Aluminum-Derivative\n7615102015,50.0,Aluminum-Derivative\n',
    );
    expect(parseSection232Rates(path)).toEqual([
      { prefix: '7610', percent: 25, category: 'Aluminum' },
      { prefix: '76101000', percent: 50, category: 'Aluminum-Derivative' },
      { prefix: '7615102015', percent: 50, category: 'Aluminum-Derivative' },
    ]);
  });

  it('refuses an odd-length key, a bad rate or an empty category, naming line and value', () => {
    const odd = write('s232-odd.csv', 'hts8,s232_rate,category\n761010001,50,Steel\n');
    expect(() => parseSection232Rates(odd)).toThrow(
      `${odd}:2: hts8 '761010001' has 9 digits, expected 4 or 6 or 8 or 10 (a leading zero lost by a spreadsheet?)`,
    );
    const rate = write('s232-rate.csv', 'hts8,s232_rate,category\n76101000,fifty,Steel\n');
    expect(() => parseSection232Rates(rate)).toThrow(`${rate}:2: s232_rate 'fifty' is not a percentage`);
    const cat = write('s232-cat.csv', 'hts8,s232_rate,category\n76101000,50,\n');
    expect(() => parseSection232Rates(cat)).toThrow(`${cat}:2: category is empty`);
  });
});

describe('parseAdcvdWarnings', () => {
  it('reads prefixes by country, several countries and cases per prefix', () => {
    const path = write(
      'adcvd.csv',
      'hts_prefix,country,case_desc\n940421,CN,Mattresses (Various Cases)\n940421,VN,Mattresses (Various Cases)\n',
    );
    expect(parseAdcvdWarnings(path)).toEqual([
      { prefix: '940421', country: 'CN', caseDesc: 'Mattresses (Various Cases)' },
      { prefix: '940421', country: 'VN', caseDesc: 'Mattresses (Various Cases)' },
    ]);
  });

  it('refuses a country that is not an alpha-2 code, naming line and value', () => {
    const path = write('adcvd-bad.csv', 'hts_prefix,country,case_desc\n940421,CHN,Mattresses\n');
    expect(() => parseAdcvdWarnings(path)).toThrow(
      `${path}:2: country 'CHN' is not an ISO 3166-1 alpha-2 code`,
    );
  });

  it('refuses the wrong file, naming the columns it lacks', () => {
    const path = write('adcvd-wrong.csv', 'hts8,s301_rate\n01012100,7.5\n');
    expect(() => parseAdcvdWarnings(path)).toThrow(
      `${path}:1: not an AD/CVD warning list (hts_prefix,country,case_desc): missing column(s) hts_prefix, country, case_desc`,
    );
  });
});

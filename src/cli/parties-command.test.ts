import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { registerPartiesCommand, runPartiesScreen } from './parties-command.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-parties-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const sdnDir = join(dir, 'sdn');
mkdirSync(sdnDir);
writeFileSync(
  join(sdnDir, 'sdn.csv'),
  `173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- 
2676,"AL ZAWAHIRI, Dr. Ayman",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 19 Jun 1951; POB Giza, Egypt."
`,
);

const PARTIES = write(
  'parties.csv',
  'label,name,country,address\n1,Ayman al-Zawahiri,EG,\n1,Anglo Caribbean Company Limited,,\n0,John Smith,US,1 Main St\n1,Hubei Amarvel Biotech,CN,Wuhan\n',
);
const OWN = write(
  'watch.csv',
  'name,country,address,id,program\n"Hubei Amarvel Biotech Co., Ltd.",CN,"Wuhan, Hubei",W-1,FENTANYL\n',
);

/** A program of its own, as main.ts builds it, that throws instead of exiting. */
async function minimis(...args: string[]): Promise<void> {
  const program = new Command().name('minimis').exitOverride();
  registerPartiesCommand(program);
  await program.parseAsync(['node', 'minimis', ...args]);
}

let stdout: MockInstance;
let stderr: MockInstance;
let output: string;
let errors: string;
beforeEach(() => {
  output = '';
  errors = '';
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    errors += String(chunk);
    return true;
  });
});
afterEach(() => {
  stdout.mockRestore();
  stderr.mockRestore();
});

describe('minimis parties screen', () => {
  it('prints per row the best match, its score and the explanation, then a summary', async () => {
    await minimis('parties', 'screen', PARTIES, '--sdn', sdnDir, '--list', OWN);
    const lines = output.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      `${PARTIES}:2: Ayman al-Zawahiri [EG] → HIT 1.00 ofac-sdn 2676 [SDGT] "AL ZAWAHIRI, Dr. Ayman": AYMAN=AYMAN, AL=AL, ZAWAHIRI=ZAWAHIRI; word order differs; name 1.00; country EG agrees +0.04 → 1.00`,
    );
    expect(lines[1]).toMatch(
      /:3: Anglo Caribbean Company Limited → HIT 1\.00 ofac-sdn 173 \[CUBA\] .*ignored: COMPANY LIMITED/,
    );
    expect(lines[2]).toMatch(/:4: John Smith \[US\] → no candidate: no list name shares a word with it$/);
    expect(lines[3]).toMatch(
      /:5: Hubei Amarvel Biotech \[CN\] → HIT 1\.00 watch W-1 \[FENTANYL\] .*address shares WUHAN \+0\.02/,
    );
    expect(lines[4]).toBe('4 rows, 3 hits at threshold 0.85 against ofac-sdn (2 entries), watch (1 entries)');
  });

  it('prints the report as JSON with --json, labels kept, and takes --threshold', async () => {
    await minimis('parties', 'screen', PARTIES, '--sdn', sdnDir, '--json', '--threshold', '1');
    const report = JSON.parse(output);
    expect(report.threshold).toBe(1);
    expect(
      report.rows.map((r: { extra: { label: string }; hit: boolean; score: number }) => [
        r.extra.label,
        r.hit,
        r.score,
      ]),
    ).toEqual([
      ['1', true, 1],
      ['1', true, 1],
      ['0', false, 0],
      ['1', false, 0],
    ]);
    expect(report.rows[0].best).toMatchObject({
      listId: 'ofac-sdn',
      entryId: '2676',
      programs: ['SDGT'],
      countryAdjustment: 0.04,
    });
  });

  it('screens against --list files alone with --no-sdn', () => {
    const r = runPartiesScreen(PARTIES, { noSdn: true, list: [OWN] });
    expect(r.lists).toEqual([{ listId: 'watch', source: OWN, entries: 1 }]);
    expect(r.hits).toBe(1);
  });

  it('refuses a threshold that is not a score, and a run with no list', async () => {
    await expect(
      minimis('parties', 'screen', PARTIES, '--sdn', sdnDir, '--threshold', 'high'),
    ).rejects.toThrow("--threshold 'high' is not a score between 0 and 1");
    await expect(minimis('parties', 'screen', PARTIES, '--no-sdn')).rejects.toThrow(
      /PARTIES_NO_FILE: no list to screen against/,
    );
  });

  it('passes on list warnings to stderr and names the file and line of bad input', async () => {
    const dupDir = join(dir, 'dup');
    mkdirSync(dupDir);
    writeFileSync(
      join(dupDir, 'sdn.csv'),
      '1,A B,-0- ,X,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n1,C D,-0- ,X,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n',
    );
    await minimis('parties', 'screen', PARTIES, '--sdn', dupDir);
    expect(errors).toMatch(/^warning: .*sdn\.csv:2: PARTIES_DUPLICATE_ENTRY: ent_num 1 appears twice/);
    const bad = write('bad.csv', 'name,country\nAcme,CN\n,US\n');
    await expect(minimis('parties', 'screen', bad, '--sdn', sdnDir)).rejects.toThrow(
      `${bad}:3: PARTIES_EMPTY_NAME: name is empty`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './prepare-pool.js';

describe('workerExecArgv', () => {
  it('lets workers inherit the flags unless the parent ran from -e', () => {
    expect(workerExecArgv(['--max-old-space-size=16384'])).toBeUndefined();
    expect(workerExecArgv([])).toBeUndefined();
  });

  it('drops --input-type, and heap flags a worker may not be given explicitly', () => {
    expect(
      workerExecArgv(['--input-type=module', '--max-old-space-size=4096', '--enable-source-maps']),
    ).toEqual(['--enable-source-maps']);
  });
});

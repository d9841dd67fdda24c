import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and the built command (npm test builds first). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const builtCli = join(repoRoot, 'dist/src/cli/main.js');

/**
 * Starts the built `minimis serve` with `args` (add `--port 0` for a free port) and resolves with the
 * child and its URL once it listens; rejects with its stderr when it exits first.
 */
export function spawnServe(args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [builtCli, 'serve', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c) => {
      err += c;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m !== null) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { whenListening } from '../when-listening.js';

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
  return whenListening(child);
}

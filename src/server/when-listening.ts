import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the URL a `minimis serve` child prints once it listens (its stderr must be piped); rejects
 * with what it printed when it exits first. For the tests and the load benchmark that start servers.
 */
export function whenListening(child: ChildProcess): Promise<{ child: ChildProcess; url: string }> {
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

import { Worker } from 'node:worker_threads';
import type { ReferenceFiles } from '../adapters/refdata/default-reference-data.js';
import type { Prepared } from '../core/screen/index.js';
import { MissDecoder, type MissEntry } from './miss-wire.js';
import type { LineChunk } from './ndjson-reader.js';

/** The files the main thread loaded its reference data from, so that workers load the same. */
export type RefFiles = ReferenceFiles;

/**
 * A worker inherits the parent's flags, except that `--input-type` (a parent started with `-e`) makes
 * Node refuse to start a worker from a file. Given explicitly, the list may not hold V8 heap flags
 * (which an inherited list may), so it is only given when something had to be dropped.
 */
export function workerExecArgv(parent: readonly string[]): string[] | undefined {
  const kept = parent.filter((a) => !a.startsWith('--input-type'));
  if (kept.length === parent.length) return undefined;
  return kept.filter((a) => !/^--(max-old-space-size|max-semi-space-size|stack-size)/.test(a));
}

/**
 * A small ordered pool: chunks go round-robin to worker threads and come back in submission order,
 * so the stateful stage sees records exactly in file order.
 */
export class PreparePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<
    number,
    { resolve: (p: Prepared[]) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;
  /** Set once a worker has died: every later submission fails at once instead of waiting forever. */
  private failure: Error | undefined;
  private closing = false;

  constructor(size: number, ref: RefFiles) {
    const url = new URL('./prepare-worker.js', import.meta.url);
    const execArgv = workerExecArgv(process.execArgv);
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(url, { workerData: ref, execArgv });
      const misses = new MissDecoder();
      w.on('message', (m: { id: number; out: Prepared[]; misses: MissEntry[] }) => {
        const waiter = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        try {
          misses.decode(m.out, m.misses);
        } catch (e) {
          this.fail(e as Error);
          return;
        }
        waiter?.resolve(m.out);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a prepare worker exited (code ${code})`));
      });
      return w;
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const waiter of this.waiting.values()) waiter.reject(e);
    this.waiting.clear();
  }

  /** Prepares one chunk on the next worker. */
  submit(chunk: LineChunk): Promise<Prepared[]> {
    if (this.failure !== undefined) {
      const failed = Promise.reject(this.failure);
      failed.catch(() => undefined);
      return failed;
    }
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    const p = new Promise<Prepared[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, chunk });
    });
    // Marked handled here; the caller still sees the rejection when it awaits in order.
    p.catch(() => undefined);
    return p;
  }

  /** Yields prepared chunks in order, keeping at most `depth` chunks in flight. */
  async *prepareInOrder(
    chunks: AsyncIterable<LineChunk>,
    depth = this.workers.length * 8,
  ): AsyncGenerator<Prepared[]> {
    const queue: Promise<Prepared[]>[] = [];
    for await (const chunk of chunks) {
      queue.push(this.submit(chunk));
      if (queue.length >= depth) yield await queue.shift()!;
    }
    while (queue.length > 0) yield await queue.shift()!;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

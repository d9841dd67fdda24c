import { Worker } from 'node:worker_threads';
import type { Prepared } from '../core/screen/index.js';
import type { LineChunk } from './ndjson-reader.js';

export interface RefFiles {
  readonly htsPath?: string;
  readonly ratesPath?: string;
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

  constructor(size: number, ref: RefFiles) {
    const url = new URL('./prepare-worker.js', import.meta.url);
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(url, { workerData: ref });
      w.on('message', (m: { id: number; out: Prepared[] }) => {
        const waiter = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        waiter?.resolve(m.out);
      });
      w.on('error', (e) => {
        for (const waiter of this.waiting.values()) waiter.reject(e);
        this.waiting.clear();
      });
      return w;
    });
  }

  /** Prepares one chunk on the next worker. */
  submit(chunk: LineChunk): Promise<Prepared[]> {
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
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

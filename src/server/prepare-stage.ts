import type { Prepared } from '../core/screen/index.js';
import { PreparePool, type RefFiles } from '../ingest/prepare-pool.js';

/**
 * The stateless stage of serve (JSON parse, schema, data quality, normalization, targeting's static
 * rules) on worker threads. Records may finish preparing out of order on different workers; this hands
 * them back in the order they were submitted, so the engine applies them in request order.
 */
export class PrepareStage {
  private readonly pool: PreparePool;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(workers: number, files: RefFiles) {
    this.pool = new PreparePool(workers, files);
  }

  /**
   * Prepares consecutive NDJSON lines (numbered from `firstLine`; blank lines are skipped, as a file's
   * are). Resolves after every earlier submission has resolved.
   */
  lines(lines: readonly string[], firstLine: number): Promise<Prepared[]> {
    const buf = Buffer.from(lines.join('\n'));
    // Not `final`: a request's last line is whole (the body ended), never a file cut off mid-record.
    const done = this.pool.submit({ buf, firstLine, lines: lines.length, final: false });
    const ordered = this.tail.then(() => done);
    this.tail = ordered.catch(() => undefined);
    return ordered;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

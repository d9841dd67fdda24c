/**
 * Worker thread of the stateless stage: parses a chunk of NDJSON lines and prepares each record.
 * Reference data is loaded once per worker from the same files the main thread uses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDefaultReferenceData, type ReferenceFiles } from '../adapters/refdata/default-reference-data.js';
import type { Prepared } from '../core/screen/index.js';
import { prepare } from '../core/screen/index.js';
import { MissEncoder } from './miss-wire.js';
import { type LineChunk, parseChunk } from './ndjson-reader.js';

const ref = loadDefaultReferenceData(workerData as ReferenceFiles);
const misses = new MissEncoder();

parentPort!.on('message', (msg: { id: number; chunk: LineChunk }) => {
  const out: Prepared[] = [];
  for (const item of parseChunk(msg.chunk)) {
    out.push(
      item.error === undefined
        ? prepare(item.value, item.line, ref, item.text)
        : { type: 'invalid', line: item.line, findings: [item.error], id: undefined },
    );
  }
  parentPort!.postMessage({ id: msg.id, out, misses: misses.encode(out) });
});

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { type GenerateOptions, openDay } from './generate-day.js';
import type { Truth } from './truth.js';

const BLOCK = 1 << 20;

/**
 * Writes text pieces (each followed by `end`) through one file stream in 1 MiB blocks. Each piece is
 * encoded into the block as soon as it is made, while it is young in memory; a full block goes to the
 * stream, and the writer waits when the disk falls behind, so memory stays flat.
 */
async function writePieces(path: string, pieces: Iterable<string>, end: string): Promise<void> {
  const out = createWriteStream(path, { highWaterMark: 4 * BLOCK });
  let failure: unknown;
  out.on('error', (e) => {
    failure ??= e;
  });
  let block = Buffer.allocUnsafe(BLOCK);
  let used = 0;
  const flush = async (stream: WriteStream) => {
    if (failure !== undefined) throw failure;
    if (used === 0) return;
    const full = block.subarray(0, used);
    block = Buffer.allocUnsafe(BLOCK);
    used = 0;
    if (!stream.write(full)) await once(stream, 'drain');
  };
  try {
    for (const piece of pieces) {
      const most = (piece.length + end.length) * 3;
      if (used + most > BLOCK) await flush(out);
      if (most > BLOCK) {
        if (!out.write(piece + end)) await once(out, 'drain');
        continue;
      }
      used += block.write(piece, used);
      if (end !== '') used += block.write(end, used);
    }
    await flush(out);
    out.end();
    await finished(out);
  } catch (e) {
    out.destroy();
    throw e;
  }
  if (failure !== undefined) throw failure;
}

/**
 * Writes a generated day as NDJSON (one record a line, `\n`, streamed with flat memory) and, when
 * `truthPath` is given, its ground truth as JSON (also streamed, at the end). Returns the truth.
 */
export async function writeGeneratedDay(
  opts: GenerateOptions,
  outPath: string,
  truthPath?: string,
): Promise<Truth> {
  const day = openDay(opts);
  await writePieces(outPath, day.lines, '\n');
  if (truthPath !== undefined) await writePieces(truthPath, day.truthJson(), '');
  return day.truth();
}

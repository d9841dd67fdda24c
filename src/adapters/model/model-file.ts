import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { checkFilingPipeline, FilingModel, filingFeaturesMismatch } from '../../core/model/filing-model.js';
import { type LoadedModel, parseModel } from '../../core/model/model-format.js';

/** A model file that cannot be used, with the stable code of why. */
export class ModelFileError extends Error {
  constructor(
    readonly code: string,
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${code}: ${detail}`);
    this.name = 'ModelFileError';
  }
}

/** Reads and checks a model file (format, version, shape); throws ModelFileError. */
export function readModelFile(
  path: string,
): Extract<LoadedModel, { ok: true }> & { readonly sha256: string } {
  if (!existsSync(path)) throw new ModelFileError('MODEL_FILE', path, 'no such file');
  const text = readFileSync(path, 'utf8');
  const loaded = parseModel(text);
  if (!loaded.ok) throw new ModelFileError(loaded.code, path, loaded.message);
  return { ...loaded, sha256: createHash('sha256').update(text).digest('hex') };
}

/**
 * A model trained on minimis filings (`minimis model train --db`), ready to score filings; its id is
 * the first 10 hex digits of the file's sha256, so a decision names the exact model. A KCS model, or a
 * file of another version or shape, is refused with its code (MODEL_PIPELINE, MODEL_VERSION …).
 */
export function loadFilingModel(path: string): FilingModel {
  const loaded = readModelFile(path);
  const pipeline = checkFilingPipeline(loaded.pipeline);
  if (!pipeline.ok) throw new ModelFileError(pipeline.code, path, pipeline.message);
  const mismatch = filingFeaturesMismatch(loaded.model.features);
  if (mismatch !== undefined) throw new ModelFileError('MODEL_PIPELINE', path, mismatch);
  return new FilingModel(loaded.model, pipeline.pipeline, loaded.sha256.slice(0, 10));
}

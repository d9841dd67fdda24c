import type { Binning } from './binning.js';
import type { FeatureDef } from './features.js';
import {
  DEFAULT_GBDT_PARAMS,
  type GbdtModel,
  type GbdtParams,
  importanceOf,
  type Tree,
  type TreeNode,
} from './gbdt.js';

/**
 * The saved model: one JSON document holding everything scoring needs (feature spec, bin edges and
 * level tables, trees) plus the `pipeline` that turns a source's raw rows into feature rows (for KCS:
 * the encoders fitted on the training file). Doubles are written by JSON.stringify, which round-trips
 * them exactly, so a loaded model scores bit for bit as the trained one.
 */
export const MODEL_FORMAT = 'minimis-gbdt';
export const MODEL_FORMAT_VERSION = 1;

export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_FORMAT_VERSION;
  readonly features: readonly FeatureDef[];
  readonly binnings: readonly Binning[];
  readonly baseScore: number;
  readonly params: GbdtParams;
  readonly trees: readonly Tree[];
  /** How raw source rows become feature rows; opaque to the learner, read by the source's pipeline. */
  readonly pipeline?: unknown;
  /** Free-form facts about the training run (row counts, validation loss, time); never read back. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

export type ModelErrorCode = 'MODEL_JSON' | 'MODEL_FORMAT' | 'MODEL_VERSION' | 'MODEL_SHAPE';

export type LoadedModel =
  | {
      readonly ok: true;
      readonly model: GbdtModel;
      readonly pipeline: unknown;
      readonly meta: Readonly<Record<string, unknown>> | undefined;
    }
  | { readonly ok: false; readonly code: ModelErrorCode; readonly message: string };

export function serializeModel(
  model: GbdtModel,
  extra: { readonly pipeline?: unknown; readonly meta?: Readonly<Record<string, unknown>> } = {},
): string {
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    features: model.features,
    binnings: model.binnings,
    baseScore: model.baseScore,
    params: model.params,
    trees: model.trees,
    ...(extra.pipeline === undefined ? {} : { pipeline: extra.pipeline }),
    ...(extra.meta === undefined ? {} : { meta: extra.meta }),
  };
  return JSON.stringify(file);
}

class ShapeError extends Error {}

/** Parses and checks a saved model; every tree index and bin is checked so that scoring cannot fail. */
export function parseModel(text: string): LoadedModel {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, code: 'MODEL_JSON', message: `not JSON: ${(e as Error).message}` };
  }
  if (!isObject(doc) || doc.format !== MODEL_FORMAT)
    return { ok: false, code: 'MODEL_FORMAT', message: `not a ${MODEL_FORMAT} model file` };
  if (doc.version !== MODEL_FORMAT_VERSION)
    return {
      ok: false,
      code: 'MODEL_VERSION',
      message: `model format version ${String(doc.version)} is not supported (this build reads ${MODEL_FORMAT_VERSION})`,
    };
  try {
    const features = checkFeatures(doc.features);
    const binnings = checkBinnings(doc.binnings, features);
    const nBins = binnings.map((b) => (b.kind === 'numeric' ? b.cuts.length + 2 : b.levels.length + 2));
    if (typeof doc.baseScore !== 'number' || !Number.isFinite(doc.baseScore))
      throw new ShapeError('baseScore is not a finite number');
    if (!Array.isArray(doc.trees)) throw new ShapeError('trees is not an array');
    const trees = doc.trees.map((t, i) => checkTree(t, i, features, nBins));
    const params = { ...DEFAULT_GBDT_PARAMS, ...(isObject(doc.params) ? doc.params : {}) } as GbdtParams;
    const meta = isObject(doc.meta) ? doc.meta : undefined;
    return {
      ok: true,
      model: {
        features,
        binnings,
        baseScore: doc.baseScore,
        trees,
        params,
        importance: importanceOf(features, trees),
      },
      pipeline: doc.pipeline,
      meta,
    };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, code: 'MODEL_SHAPE', message: e.message };
    throw e;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkFeatures(v: unknown): FeatureDef[] {
  if (!Array.isArray(v) || v.length === 0) throw new ShapeError('features is not a non-empty array');
  const seen = new Set<string>();
  return v.map((f, i) => {
    if (!isObject(f) || typeof f.name !== 'string' || (f.kind !== 'numeric' && f.kind !== 'categorical'))
      throw new ShapeError(`features[${i}] is not {name, kind: numeric|categorical}`);
    if (seen.has(f.name)) throw new ShapeError(`features[${i}]: duplicate name ${f.name}`);
    seen.add(f.name);
    return { name: f.name, kind: f.kind };
  });
}

function checkBinnings(v: unknown, features: readonly FeatureDef[]): Binning[] {
  if (!Array.isArray(v) || v.length !== features.length)
    throw new ShapeError('binnings is not an array with one entry per feature');
  return v.map((b, i) => {
    const kind = features[i]!.kind;
    if (!isObject(b) || b.kind !== kind) throw new ShapeError(`binnings[${i}] is not a ${kind} binning`);
    if (kind === 'numeric') {
      const cuts = b.cuts;
      if (!Array.isArray(cuts) || cuts.length > 253 || !cuts.every((c) => typeof c === 'number'))
        throw new ShapeError(`binnings[${i}].cuts is not an array of at most 253 numbers`);
      for (let j = 1; j < cuts.length; j++)
        if (!((cuts[j] as number) > (cuts[j - 1] as number)))
          throw new ShapeError(`binnings[${i}].cuts is not increasing`);
      return { kind: 'numeric', cuts: cuts as number[] };
    }
    const levels = b.levels;
    if (!Array.isArray(levels) || levels.length > 253 || !levels.every((l) => typeof l === 'string'))
      throw new ShapeError(`binnings[${i}].levels is not an array of at most 253 strings`);
    return { kind: 'categorical', levels: levels as string[] };
  });
}

function checkTree(v: unknown, t: number, features: readonly FeatureDef[], nBins: readonly number[]): Tree {
  if (!isObject(v) || !Array.isArray(v.nodes) || v.nodes.length === 0)
    throw new ShapeError(`trees[${t}] has no nodes`);
  const nodes = v.nodes;
  const out = nodes.map((n: unknown, j: number): TreeNode => {
    const where = `trees[${t}].nodes[${j}]`;
    if (!isObject(n)) throw new ShapeError(`${where} is not an object`);
    if ('leaf' in n) {
      if (typeof n.leaf !== 'number' || !Number.isFinite(n.leaf)) throw new ShapeError(`${where}.leaf`);
      return { leaf: n.leaf };
    }
    const f = n.feature;
    if (typeof f !== 'number' || !Number.isInteger(f) || f < 0 || f >= features.length)
      throw new ShapeError(`${where}.feature is not a feature index`);
    // Children come after their parent, so a loaded tree cannot loop.
    for (const side of ['left', 'right'] as const) {
      const c = n[side];
      if (typeof c !== 'number' || !Number.isInteger(c) || c <= j || c >= nodes.length)
        throw new ShapeError(`${where}.${side} is not a later node`);
    }
    const gain = typeof n.gain === 'number' ? n.gain : 0;
    if (Array.isArray(n.cats)) {
      if (!n.cats.every((c) => Number.isInteger(c) && c >= 0 && c < nBins[f]!))
        throw new ShapeError(`${where}.cats holds a bin outside the feature's bins`);
      return { feature: f, gain, cats: n.cats as number[], left: n.left as number, right: n.right as number };
    }
    if (typeof n.bin !== 'number' || !Number.isInteger(n.bin) || n.bin < 0 || n.bin >= nBins[f]!)
      throw new ShapeError(`${where}.bin is not one of the feature's bins`);
    if (typeof n.missingLeft !== 'boolean') throw new ShapeError(`${where}.missingLeft is not a boolean`);
    return {
      feature: f,
      gain,
      bin: n.bin,
      missingLeft: n.missingLeft,
      left: n.left as number,
      right: n.right as number,
    };
  });
  return { nodes: out };
}

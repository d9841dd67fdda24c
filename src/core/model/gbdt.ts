import { type BinnedMatrix, type Binning, binCount, binRows, fitBinning } from './binning.js';
import type { FeatureDef, FeatureRow } from './features.js';
import { createRng, type Rng, sampleIndices } from './prng.js';

/**
 * Gradient-boosted decision trees for binary classification (logistic loss), grown leaf-wise on binned
 * features as LightGBM does: each round fits one tree to the gradient and hessian of the loss, a leaf's
 * value is the Newton step −G/(H+λ) shrunk by the learning rate, and a split is kept only when it lowers
 * the regularized loss. Categorical features split natively: levels are ordered by G/(H+smooth) inside
 * the node and the best prefix of that order goes left (Fisher's grouping, as LightGBM), which beats
 * one-hot on levels that are individually rare.
 */
export interface GbdtParams {
  /** Boosting rounds (trees) at most. */
  readonly rounds: number;
  readonly learningRate: number;
  /** Leaves per tree at most (leaf-wise growth). */
  readonly maxLeaves: number;
  /** Depth at most; 0 for no limit beyond maxLeaves. */
  readonly maxDepth: number;
  /** Rows a leaf must hold at least. */
  readonly minLeaf: number;
  /** Hessian a leaf must hold at least (guards splits on nearly certain rows). */
  readonly minChildWeight: number;
  /** L2 penalty on leaf values. */
  readonly lambda: number;
  /** Split gain below this is not worth a split. */
  readonly minGain: number;
  /** Share of rows each tree sees (bagging), in (0, 1]. */
  readonly rowSample: number;
  /** Share of features each tree may split on, in (0, 1]. */
  readonly colSample: number;
  /** Smoothing added to the hessian when ordering categorical levels. */
  readonly catSmooth: number;
  /** Extra L2 on categorical splits, which overfit more easily than numeric ones. */
  readonly catL2: number;
  /** Levels on the left side of a categorical split at most. */
  readonly maxCatThreshold: number;
  /** Rounds without improvement of the validation loss before stopping; 0 never stops early. */
  readonly earlyStoppingRounds: number;
  /** Share of training rows held out for early stopping when no validation rows are given. */
  readonly validFraction: number;
  readonly maxBins: number;
  readonly seed: number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  rounds: 400,
  learningRate: 0.05,
  maxLeaves: 31,
  maxDepth: 8,
  minLeaf: 20,
  minChildWeight: 1e-3,
  lambda: 1,
  minGain: 0,
  rowSample: 0.8,
  colSample: 0.8,
  catSmooth: 10,
  catL2: 10,
  maxCatThreshold: 32,
  earlyStoppingRounds: 50,
  validFraction: 0.1,
  maxBins: 255,
  seed: 1,
};

/** A split on a numeric feature sends bins 1..bin left and bin 0 (missing) the `missingLeft` way. */
export interface NumericSplitNode {
  readonly feature: number;
  /** Loss reduction of the split, for feature importance. */
  readonly gain: number;
  readonly bin: number;
  readonly missingLeft: boolean;
  readonly left: number;
  readonly right: number;
}
/** A split on a categorical feature sends the listed bins left and every other level right. */
export interface CategoricalSplitNode {
  readonly feature: number;
  readonly gain: number;
  readonly cats: readonly number[];
  readonly left: number;
  readonly right: number;
}
export interface LeafNode {
  readonly leaf: number;
}
export type TreeNode = NumericSplitNode | CategoricalSplitNode | LeafNode;
/** Node 0 is the root; leaf values already carry the learning rate. */
export interface Tree {
  readonly nodes: readonly TreeNode[];
}

export interface FeatureImportance {
  readonly feature: string;
  /** Total loss reduction of the splits on this feature. */
  readonly gain: number;
  readonly splits: number;
}

export interface GbdtModel {
  readonly features: readonly FeatureDef[];
  readonly binnings: readonly Binning[];
  /** Log-odds every prediction starts from (the training prior). */
  readonly baseScore: number;
  readonly trees: readonly Tree[];
  readonly params: GbdtParams;
  readonly importance: readonly FeatureImportance[];
}

export interface TrainingLog {
  /** Validation log loss after each round (empty without validation rows). */
  readonly validLoss: readonly number[];
  /** Rounds kept: the best validation round, or every round without validation. */
  readonly bestRounds: number;
  readonly trainRows: number;
  readonly validRows: number;
}

export interface LabelledRows {
  readonly rows: readonly FeatureRow[];
  readonly labels: ArrayLike<boolean | number>;
  /**
   * How much each row counts in the loss (default 1): an outcome drawn by random selection stands for
   * the many filings that were not examined, so it weighs more than one the rules picked.
   */
  readonly weights?: ArrayLike<number>;
}

/**
 * Trains on `train`, stopping early on `valid` when given, else on a seeded `validFraction` of `train`.
 * Binning is fitted on the rows actually trained on, never on the validation rows.
 */
export function trainGbdt(
  defs: readonly FeatureDef[],
  train: LabelledRows,
  opts: Partial<GbdtParams> & { readonly valid?: LabelledRows } = {},
): { model: GbdtModel; log: TrainingLog } {
  const { valid: given, ...rest } = opts;
  const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...rest };
  checkParams(params);
  if (train.rows.length !== train.labels.length) throw new Error('rows and labels differ in length');
  checkWeights(train);
  if (given !== undefined) checkWeights(given);
  const rng = createRng(params.seed);
  let trainRows = train.rows;
  let trainLabels: ArrayLike<boolean | number> = train.labels;
  let trainWeights = train.weights;
  let valid = given;
  if (valid === undefined && params.validFraction > 0 && params.earlyStoppingRounds > 0) {
    const held = new Set(
      sampleIndices(rng, train.rows.length, Math.floor(train.rows.length * params.validFraction)),
    );
    const tr: FeatureRow[] = [];
    const tl: number[] = [];
    const tw: number[] = [];
    const vr: FeatureRow[] = [];
    const vl: number[] = [];
    const vw: number[] = [];
    for (let i = 0; i < train.rows.length; i++) {
      const y = Number(train.labels[i]);
      const w = train.weights === undefined ? 1 : train.weights[i]!;
      if (held.has(i)) {
        vr.push(train.rows[i]!);
        vl.push(y);
        vw.push(w);
      } else {
        tr.push(train.rows[i]!);
        tl.push(y);
        tw.push(w);
      }
    }
    trainRows = tr;
    trainLabels = tl;
    trainWeights = train.weights === undefined ? undefined : tw;
    valid = { rows: vr, labels: vl, ...(train.weights === undefined ? {} : { weights: vw }) };
  }
  if (trainRows.length === 0) throw new Error('no training rows');
  const binnings = fitBinning(defs, trainRows, { maxBins: params.maxBins });
  const x = binRows(binnings, defs, trainRows);
  const y = Float64Array.from({ length: trainRows.length }, (_, i) => (Number(trainLabels[i]) ? 1 : 0));
  const vx = valid === undefined ? undefined : binRows(binnings, defs, valid.rows);
  const vy =
    valid === undefined
      ? undefined
      : Float64Array.from({ length: valid.rows.length }, (_, i) => (Number(valid.labels[i]) ? 1 : 0));
  const w = trainWeights === undefined ? undefined : Float64Array.from(trainWeights);
  const vw = valid?.weights === undefined ? undefined : Float64Array.from(valid.weights);
  return boost(defs, binnings, x, y, vx, vy, params, rng, w, vw);
}

function checkWeights(d: LabelledRows): void {
  const w = d.weights;
  if (w === undefined) return;
  if (w.length !== d.rows.length) throw new Error('rows and weights differ in length');
  for (let i = 0; i < w.length; i++)
    if (!(Number.isFinite(w[i]) && w[i]! > 0)) throw new Error(`weight of row ${i} is not a positive number`);
}

function checkParams(p: GbdtParams): void {
  const bad = (what: string) => {
    throw new Error(`invalid GBDT parameter: ${what}`);
  };
  if (!(Number.isInteger(p.rounds) && p.rounds >= 1)) bad(`rounds ${p.rounds} (a positive integer)`);
  if (!(p.learningRate > 0 && p.learningRate <= 1)) bad(`learningRate ${p.learningRate} (in (0, 1])`);
  if (!(Number.isInteger(p.maxLeaves) && p.maxLeaves >= 2)) bad(`maxLeaves ${p.maxLeaves} (≥ 2)`);
  if (!(p.rowSample > 0 && p.rowSample <= 1)) bad(`rowSample ${p.rowSample} (in (0, 1])`);
  if (!(p.colSample > 0 && p.colSample <= 1)) bad(`colSample ${p.colSample} (in (0, 1])`);
  if (!(p.minLeaf >= 1)) bad(`minLeaf ${p.minLeaf} (≥ 1)`);
  if (!(p.lambda >= 0)) bad(`lambda ${p.lambda} (≥ 0)`);
  if (!(p.validFraction >= 0 && p.validFraction < 1)) bad(`validFraction ${p.validFraction} (in [0, 1))`);
  if (!(p.maxBins >= 3 && p.maxBins <= 255)) bad(`maxBins ${p.maxBins} (3–255)`);
}

interface Leaf {
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array;
  node: number;
  split: Split | undefined;
}

interface Split {
  gain: number;
  feature: number;
  /** numeric: highest bin going left; -1 for categorical */
  bin: number;
  missingLeft: boolean;
  /** categorical: mask of bins going left */
  cats: Uint8Array | undefined;
}

function boost(
  defs: readonly FeatureDef[],
  binnings: readonly Binning[],
  x: BinnedMatrix,
  y: Float64Array,
  vx: BinnedMatrix | undefined,
  vy: Float64Array | undefined,
  params: GbdtParams,
  rng: Rng,
  w: Float64Array | undefined,
  vw: Float64Array | undefined,
): { model: GbdtModel; log: TrainingLog } {
  const n = x.rows;
  const nf = defs.length;
  const nBins = binnings.map(binCount);
  const offsets = new Int32Array(nf + 1);
  for (let f = 0; f < nf; f++) offsets[f + 1] = offsets[f]! + nBins[f]!;
  const isCat = defs.map((d) => d.kind === 'categorical');

  let pos = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === undefined ? 1 : w[i]!;
    pos += y[i]! * wi;
    total += wi;
  }
  const prior = Math.min(Math.max(pos / total, 1e-6), 1 - 1e-6);
  const baseScore = Math.log(prior / (1 - prior));
  const score = new Float64Array(n).fill(baseScore);
  const vscore = vx === undefined ? undefined : new Float64Array(vx.rows).fill(baseScore);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const rowsBuf = new Uint32Array(n);
  const tmp = new Uint32Array(n);
  const trees: Tree[] = [];
  const validLoss: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestRounds = 0;

  const ctx: GrowContext = {
    x,
    g,
    h,
    rows: rowsBuf,
    tmp,
    nBins,
    offsets,
    isCat,
    params,
    features: [],
  };
  for (let round = 0; round < params.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!));
      g[i] = p - y[i]!;
      h[i] = Math.max(p * (1 - p), 1e-16);
    }
    if (w !== undefined)
      for (let i = 0; i < n; i++) {
        g[i]! *= w[i]!;
        h[i]! *= w[i]!;
      }
    let m = 0;
    if (params.rowSample >= 1) for (let i = 0; i < n; i++) rowsBuf[m++] = i;
    else for (let i = 0; i < n; i++) if (rng.next() < params.rowSample) rowsBuf[m++] = i;
    if (m === 0) rowsBuf[m++] = rng.int(n);
    ctx.features =
      params.colSample >= 1
        ? Array.from({ length: nf }, (_, f) => f)
        : sampleIndices(rng, nf, Math.max(1, Math.round(nf * params.colSample)));
    const tree = compile(growTree(ctx, m), nBins);
    trees.push(tree.tree);
    for (let i = 0; i < n; i++) score[i]! += predictCompiled(tree, x.columns, i);
    if (vx !== undefined && vscore !== undefined && vy !== undefined) {
      let loss = 0;
      let weight = 0;
      for (let i = 0; i < vx.rows; i++) {
        vscore[i]! += predictCompiled(tree, vx.columns, i);
        const wi = vw === undefined ? 1 : vw[i]!;
        loss += logLoss(vscore[i]!, vy[i]!) * wi;
        weight += wi;
      }
      loss /= weight > 0 ? weight : 1;
      validLoss.push(loss);
      if (loss < best - 1e-12) {
        best = loss;
        bestRounds = round + 1;
      } else if (params.earlyStoppingRounds > 0 && round + 1 - bestRounds >= params.earlyStoppingRounds)
        break;
    } else bestRounds = round + 1;
  }
  const kept = trees.slice(0, bestRounds);
  return {
    model: { features: defs, binnings, baseScore, trees: kept, params, importance: importanceOf(defs, kept) },
    log: { validLoss, bestRounds, trainRows: n, validRows: vx?.rows ?? 0 },
  };
}

function logLoss(margin: number, y: number): number {
  // log(1 + e^-m) for y = 1, log(1 + e^m) for y = 0, written to stay finite for large |m|.
  const z = y === 1 ? -margin : margin;
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

interface GrowContext {
  readonly x: BinnedMatrix;
  readonly g: Float64Array;
  readonly h: Float64Array;
  readonly rows: Uint32Array;
  readonly tmp: Uint32Array;
  readonly nBins: readonly number[];
  readonly offsets: Int32Array;
  readonly isCat: readonly boolean[];
  readonly params: GbdtParams;
  features: readonly number[];
}

/** Mutable node while growing. */
type Building =
  | { leaf: number }
  | {
      feature: number;
      gain: number;
      bin: number;
      missingLeft: boolean;
      cats: Uint8Array | undefined;
      left: number;
      right: number;
    };

function growTree(ctx: GrowContext, m: number): Building[] {
  const { params, g, h, rows } = ctx;
  let G = 0;
  let H = 0;
  for (let k = 0; k < m; k++) {
    const i = rows[k]!;
    G += g[i]!;
    H += h[i]!;
  }
  const nodes: Building[] = [{ leaf: leafValue(G, H, params) }];
  const root: Leaf = {
    start: 0,
    end: m,
    depth: 0,
    g: G,
    h: H,
    hist: buildHist(ctx, 0, m),
    node: 0,
    split: undefined,
  };
  root.split = bestSplit(ctx, root);
  const open: Leaf[] = [root];
  let leaves = 1;
  while (leaves < params.maxLeaves) {
    let bi = -1;
    for (let k = 0; k < open.length; k++) {
      const s = open[k]!.split;
      if (s !== undefined && (bi === -1 || s.gain > open[bi]!.split!.gain)) bi = k;
    }
    if (bi === -1) break;
    const leaf = open[bi]!;
    const s = leaf.split!;
    open.splice(bi, 1);
    const mid = partition(ctx, leaf, s);
    const li = nodes.length;
    const ri = li + 1;
    let lg = 0;
    let lh = 0;
    for (let k = leaf.start; k < mid; k++) {
      const i = rows[k]!;
      lg += g[i]!;
      lh += h[i]!;
    }
    const rg = leaf.g - lg;
    const rh = leaf.h - lh;
    nodes[leaf.node] = {
      feature: s.feature,
      gain: s.gain,
      bin: s.bin,
      missingLeft: s.missingLeft,
      cats: s.cats,
      left: li,
      right: ri,
    };
    nodes.push({ leaf: leafValue(lg, lh, params) }, { leaf: leafValue(rg, rh, params) });
    // Histogram subtraction: scan the smaller child, derive the larger one from the parent.
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = leftSmaller ? buildHist(ctx, leaf.start, mid) : buildHist(ctx, mid, leaf.end);
    const large = leaf.hist;
    for (let k = 0; k < large.length; k++) large[k]! -= small[k]!;
    const left: Leaf = {
      start: leaf.start,
      end: mid,
      depth: leaf.depth + 1,
      g: lg,
      h: lh,
      hist: leftSmaller ? small : large,
      node: li,
      split: undefined,
    };
    const right: Leaf = {
      start: mid,
      end: leaf.end,
      depth: leaf.depth + 1,
      g: rg,
      h: rh,
      hist: leftSmaller ? large : small,
      node: ri,
      split: undefined,
    };
    leaves++;
    for (const child of [left, right]) {
      if (params.maxDepth > 0 && child.depth >= params.maxDepth) continue;
      if (child.end - child.start < 2 * params.minLeaf) continue;
      child.split = bestSplit(ctx, child);
      if (child.split !== undefined) open.push(child);
    }
  }
  return nodes;
}

function leafValue(G: number, H: number, p: GbdtParams): number {
  return (-G / (H + p.lambda)) * p.learningRate;
}

/** Gradient, hessian and count per bin of the tree's features, for rows[start, end). */
function buildHist(ctx: GrowContext, start: number, end: number): Float64Array {
  const { x, g, h, rows, offsets, features } = ctx;
  const hist = new Float64Array(offsets[offsets.length - 1]! * 3);
  for (const f of features) {
    const col = x.columns[f]!;
    const base = offsets[f]! * 3;
    for (let k = start; k < end; k++) {
      const i = rows[k]!;
      const b = base + col[i]! * 3;
      hist[b]! += g[i]!;
      hist[b + 1]! += h[i]!;
      hist[b + 2]! += 1;
    }
  }
  return hist;
}

function bestSplit(ctx: GrowContext, leaf: Leaf): Split | undefined {
  const { params, nBins, offsets, isCat, features } = ctx;
  const hist = leaf.hist;
  const G = leaf.g;
  const H = leaf.h;
  const C = leaf.end - leaf.start;
  const minLeaf = params.minLeaf;
  const minH = params.minChildWeight;
  const parent = (G * G) / (H + params.lambda);
  let best: Split | undefined;
  let bestGain = params.minGain;
  for (const f of features) {
    const base = offsets[f]! * 3;
    const B = nBins[f]!;
    if (!isCat[f]) {
      const mg = hist[base]!;
      const mh = hist[base + 1]!;
      const mc = hist[base + 2]!;
      let lg = 0;
      let lh = 0;
      let lc = 0;
      for (let t = 1; t < B - 1; t++) {
        const o = base + t * 3;
        lg += hist[o]!;
        lh += hist[o + 1]!;
        lc += hist[o + 2]!;
        if (hist[o + 2] === 0 && t > 1) continue;
        // missing right
        let rc = C - lc;
        if (lc >= minLeaf && rc >= minLeaf && lh >= minH && H - lh >= minH) {
          const gain =
            (lg * lg) / (lh + params.lambda) + ((G - lg) * (G - lg)) / (H - lh + params.lambda) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            best = { gain, feature: f, bin: t, missingLeft: false, cats: undefined };
          }
        }
        if (mc === 0) continue;
        const Lg = lg + mg;
        const Lh = lh + mh;
        const Lc = lc + mc;
        rc = C - Lc;
        if (Lc >= minLeaf && rc >= minLeaf && Lh >= minH && H - Lh >= minH) {
          const gain =
            (Lg * Lg) / (Lh + params.lambda) + ((G - Lg) * (G - Lg)) / (H - Lh + params.lambda) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            best = { gain, feature: f, bin: t, missingLeft: true, cats: undefined };
          }
        }
      }
      // Missing against everything else, which the scan above cannot express.
      if (mc >= minLeaf && C - mc >= minLeaf && mh >= minH && H - mh >= minH) {
        const gain =
          (mg * mg) / (mh + params.lambda) + ((G - mg) * (G - mg)) / (H - mh + params.lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best = { gain, feature: f, bin: 0, missingLeft: true, cats: undefined };
        }
      }
    } else {
      const present: number[] = [];
      for (let b = 0; b < B; b++) if (hist[base + b * 3 + 2]! > 0) present.push(b);
      if (present.length < 2) continue;
      const key = (b: number) => hist[base + b * 3]! / (hist[base + b * 3 + 1]! + params.catSmooth);
      present.sort((a, b) => key(a) - key(b) || a - b);
      const lambda = params.lambda + params.catL2;
      const catParent = (G * G) / (H + lambda);
      const limit = Math.min(params.maxCatThreshold, present.length - 1);
      // Both ends of the order: the limit on the left side's size would otherwise favour low-G levels.
      for (const dir of [1, -1]) {
        let lg = 0;
        let lh = 0;
        let lc = 0;
        for (let k = 0; k < limit; k++) {
          const b = present[dir === 1 ? k : present.length - 1 - k]!;
          const o = base + b * 3;
          lg += hist[o]!;
          lh += hist[o + 1]!;
          lc += hist[o + 2]!;
          const rc = C - lc;
          if (lc < minLeaf || rc < minLeaf || lh < minH || H - lh < minH) continue;
          const gain = (lg * lg) / (lh + lambda) + ((G - lg) * (G - lg)) / (H - lh + lambda) - catParent;
          if (gain > bestGain) {
            bestGain = gain;
            const cats = new Uint8Array(B);
            for (let j = 0; j <= k; j++) cats[present[dir === 1 ? j : present.length - 1 - j]!] = 1;
            best = { gain, feature: f, bin: -1, missingLeft: cats[0] === 1, cats };
          }
        }
      }
    }
  }
  return best;
}

/** Reorders rows[start, end) so that the rows going left come first (stable); returns the boundary. */
function partition(ctx: GrowContext, leaf: Leaf, s: Split): number {
  const { rows, tmp } = ctx;
  const col = ctx.x.columns[s.feature]!;
  let l = leaf.start;
  let r = 0;
  for (let k = leaf.start; k < leaf.end; k++) {
    const i = rows[k]!;
    if (goesLeft(col[i]!, s.bin, s.missingLeft, s.cats)) rows[l++] = i;
    else tmp[r++] = i;
  }
  rows.set(tmp.subarray(0, r), l);
  return l;
}

function goesLeft(b: number, bin: number, missingLeft: boolean, cats: Uint8Array | undefined): boolean {
  if (cats !== undefined) return cats[b] === 1;
  return b === 0 ? missingLeft : b <= bin;
}

/** A tree in typed arrays for fast scoring; `tree` is its serializable form. */
export interface CompiledTree {
  readonly tree: Tree;
  readonly feature: Int32Array;
  readonly bin: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly cats: readonly (Uint8Array | undefined)[];
}

function compile(nodes: readonly Building[], nBins: readonly number[]): CompiledTree {
  const out: TreeNode[] = nodes.map((n) => {
    if ('leaf' in n) return { leaf: n.leaf };
    if (n.cats !== undefined) {
      const cats: number[] = [];
      for (let b = 0; b < n.cats.length; b++) if (n.cats[b] === 1) cats.push(b);
      return { feature: n.feature, gain: n.gain, cats, left: n.left, right: n.right };
    }
    return {
      feature: n.feature,
      gain: n.gain,
      bin: n.bin,
      missingLeft: n.missingLeft,
      left: n.left,
      right: n.right,
    };
  });
  return compileTree({ nodes: out }, nBins);
}

/** Typed-array form of a (possibly loaded) tree; `nBins` sizes the categorical masks. */
export function compileTree(tree: Tree, nBins: readonly number[]): CompiledTree {
  const k = tree.nodes.length;
  const feature = new Int32Array(k).fill(-1);
  const bin = new Int32Array(k);
  const missingLeft = new Uint8Array(k);
  const left = new Int32Array(k);
  const right = new Int32Array(k);
  const value = new Float64Array(k);
  const cats: (Uint8Array | undefined)[] = new Array(k).fill(undefined);
  tree.nodes.forEach((n, j) => {
    if ('leaf' in n) {
      value[j] = n.leaf;
      return;
    }
    feature[j] = n.feature;
    left[j] = n.left;
    right[j] = n.right;
    if ('cats' in n) {
      const mask = new Uint8Array(Math.max(nBins[n.feature] ?? 0, ...n.cats.map((c) => c + 1)));
      for (const c of n.cats) mask[c] = 1;
      cats[j] = mask;
      missingLeft[j] = mask[0]!;
    } else {
      bin[j] = n.bin;
      missingLeft[j] = n.missingLeft ? 1 : 0;
    }
  });
  return { tree, feature, bin, missingLeft, left, right, value, cats };
}

export function predictCompiled(t: CompiledTree, columns: readonly Uint8Array[], i: number): number {
  let j = 0;
  const { feature, bin, missingLeft, left, right, cats } = t;
  while (feature[j]! >= 0) {
    const b = columns[feature[j]!]![i]!;
    const mask = cats[j];
    const l = mask !== undefined ? mask[b] === 1 : b === 0 ? missingLeft[j] === 1 : b <= bin[j]!;
    j = l ? left[j]! : right[j]!;
  }
  return t.value[j]!;
}

/** A model ready to score: trees compiled once. */
export interface Scorer {
  readonly model: GbdtModel;
  /** Log-odds per row. */
  margins(rows: readonly FeatureRow[]): Float64Array;
  /** Probability of the positive class per row. */
  probabilities(rows: readonly FeatureRow[]): Float64Array;
}

export function scorer(model: GbdtModel): Scorer {
  const nBins = model.binnings.map(binCount);
  const trees = model.trees.map((t) => compileTree(t, nBins));
  const margins = (rows: readonly FeatureRow[]) => {
    const x = binRows(model.binnings, model.features, rows);
    const out = new Float64Array(x.rows).fill(model.baseScore);
    for (const t of trees) for (let i = 0; i < x.rows; i++) out[i]! += predictCompiled(t, x.columns, i);
    return out;
  };
  return {
    model,
    margins,
    probabilities: (rows) => margins(rows).map((m) => 1 / (1 + Math.exp(-m))),
  };
}

/** Total split gain and split count per feature over the given trees, largest gain first. */
export function importanceOf(defs: readonly FeatureDef[], trees: readonly Tree[]): FeatureImportance[] {
  const gain = new Float64Array(defs.length);
  const splits = new Int32Array(defs.length);
  for (const t of trees)
    for (const node of t.nodes) {
      if ('leaf' in node) continue;
      gain[node.feature]! += node.gain;
      splits[node.feature]!++;
    }
  return defs
    .map((d, f) => ({ feature: d.name, gain: gain[f]!, splits: splits[f]! }))
    .sort((a, b) => b.gain - a.gain || b.splits - a.splits);
}

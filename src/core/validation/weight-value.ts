import type { FilingLike } from '../filing/schema.js';
import { type Finding, finding } from '../findings/index.js';
import type { ReferenceData } from '../refdata/index.js';
import { htsDigits } from './hts-number.js';
import { type Band, bandForChapter } from './weight-value-bands.js';

/** Line weights may exceed the gross weight by this factor (rounding, tare declared per line). */
export const LINE_WEIGHT_SLACK = 1.05;
const TRAILING_ZERO_CENTS = /\.00$/;

/** Value per kilogram implausible for the HTS chapter (shipment and weighed lines); line weights vs gross. */
export function checkWeightValue(f: FilingLike, ref: ReferenceData, out: Finding[]): void {
  const lines = f.lines;
  const gross = f.grossWeightKg;
  const grossOk = Number.isFinite(gross) && gross > 0;
  let lineWeights = 0;
  let weighedLines = 0;
  let mainChapter = '';
  let mainUsd = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const rate = ref.usdPerUnit(line.currency);
    const usd = rate === undefined ? Number.NaN : line.value * rate;
    const chapter = htsDigits(line.hts).slice(0, 2);
    if (usd > mainUsd) {
      mainUsd = usd;
      mainChapter = chapter;
    }
    const kg = line.weightKg;
    if (kg === undefined || !(kg > 0) || !Number.isFinite(kg)) continue;
    lineWeights += kg;
    weighedLines++;
    if (usd > 0) plausible(usd / kg, chapter, `/lines/${i}/weightKg`, out);
  }
  // Shipment level: the chapter of the most valuable line stands for the parcel.
  const headerRate = ref.usdPerUnit(f.currency);
  if (
    grossOk &&
    headerRate !== undefined &&
    Number.isFinite(f.declaredValue) &&
    f.declaredValue > 0 &&
    mainUsd >= 0
  )
    plausible((f.declaredValue * headerRate) / gross, mainChapter, '/grossWeightKg', out);
  if (grossOk && weighedLines > 0 && lineWeights > gross * LINE_WEIGHT_SLACK)
    out.push(
      finding(
        'LINE_WEIGHT_EXCEEDS_GROSS',
        '/grossWeightKg',
        `lines weigh ${num(lineWeights)} kg in all, gross weight is ${num(gross)} kg`,
      ),
    );
}

function plausible(perKg: number, chapter: string, path: string, out: Finding[]): void {
  const band: Band = bandForChapter(chapter);
  if (perKg >= band.min && perKg <= band.max) return;
  out.push(
    finding(
      'WEIGHT_VALUE_IMPLAUSIBLE',
      path,
      `$${num(perKg)}/kg declared, expected $${num(band.min)}–$${num(band.max)}/kg for HTS chapter ${chapter === '' ? '(none)' : chapter}`,
    ),
  );
}

/** 12,500 · 42.50 · 0.031: readable without Intl (not on the hot path, but cheap anyway). */
function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n >= 1000) return thousands(Math.round(n));
  if (n >= 100) return n.toFixed(0);
  if (n >= 1) return n.toFixed(2).replace(TRAILING_ZERO_CENTS, '');
  return n === 0 ? '0' : String(Number(n.toPrecision(2)));
}

function thousands(n: number): string {
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}

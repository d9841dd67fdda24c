export { hash53 } from './hash.js';
export { prepare } from './prepare.js';
export type {
  Prepared,
  PreparedArrival,
  PreparedCancellation,
  PreparedFiling,
  PreparedInvalid,
} from './prepared.js';
export { Screener } from './screener.js';
export type {
  ConveyanceRow,
  FilingStateRow,
  IngestFinding,
  ScreenSink,
  ScreenSnapshot,
  VariantRow,
} from './sink.js';

import type { Finding } from '../core/findings/index.js';

/** One record read from a file, or the reason a line could not be read; `line` is 1-based. */
export type SourceItem =
  | { readonly line: number; readonly value: unknown; readonly text?: string; readonly error?: undefined }
  | { readonly line: number; readonly error: Finding; readonly value?: undefined };

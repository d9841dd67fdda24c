/**
 * A reference file that is not in the format expected of it. The message names the file, the line and
 * the offending value (`file:line: …`), the way compilers do, so that an editor can jump to it; the parts
 * are kept as fields for callers that report differently.
 */
export class RefdataFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`);
    this.name = 'RefdataFormatError';
  }
}

/** Where a value came from, for error messages. */
export interface Where {
  readonly file: string;
  readonly line: number;
}

/** Stable codes of bad party-list and screening input, for callers that branch on them. */
export type PartyListErrorCode =
  | 'PARTIES_NO_FILE'
  | 'PARTIES_CSV'
  | 'PARTIES_FIELD_COUNT'
  | 'PARTIES_ENTRY_ID'
  | 'PARTIES_DUPLICATE_ENTRY'
  | 'PARTIES_UNKNOWN_ENTRY'
  | 'PARTIES_EMPTY_NAME'
  | 'PARTIES_TYPE'
  | 'PARTIES_ALIAS_TYPE'
  | 'PARTIES_HEADER'
  | 'PARTIES_COUNTRY'
  | 'PARTIES_EMPTY';

/**
 * A party list or screening file that cannot be read as its format says. The message is
 * `file:line: CODE: field 'value' …` so that an editor can jump to it; the parts are kept as fields.
 */
export class PartyListError extends Error {
  constructor(
    readonly code: PartyListErrorCode,
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super(
      `${file}${line === undefined ? '' : `:${line}`}: ${code}: ${field === undefined ? '' : `${field} `}${detail}`,
    );
    this.name = 'PartyListError';
  }
}

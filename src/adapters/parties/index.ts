export { PartyListError, type PartyListErrorCode } from './party-list-error.js';
export { loadSdnLegacy, SDN_LIST_ID, type SdnLoadOptions, type SdnLoadResult } from './sdn-legacy.js';
export { loadUserList, readScreeningFile, type ScreeningRow, type UserListOptions } from './user-list.js';

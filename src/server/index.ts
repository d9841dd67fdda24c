export { actorOf, createKey, hashKey, type Principal, revokeKey } from './api-keys.js';
export { buildServer, type ServerOptions } from './build-server.js';
export { DEFAULT_LIMITS, type Limits } from './context.js';
export { ERROR_STATUS, type ErrorCode } from './errors.js';
export { SIGNATURE_HEADER, sign, TIMESTAMP_HEADER, verify } from './webhook-dispatcher.js';

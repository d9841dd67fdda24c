export { createHtsSchedule, createReferenceData } from './create-reference-data.js';
export type { HtsEntry, HtsSchedule, ReferenceData } from './reference-data.js';
export { statesForZip, US_STATES, ZIP3_RANGES } from './zip3-states.js';

export { easternDay, easternOffsetHours, formatEastern, parseInstant } from './eastern.js';

export {
  easternDay,
  easternOffsetHours,
  easternWallClockToUtc,
  formatEastern,
  parseInstant,
} from './eastern.js';

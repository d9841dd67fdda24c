export {
  checkConsigneeDay,
  type DayMember,
  type DayOutcome,
  manifestOrder,
  mayExceed,
} from './de-minimis-check.js';

export { assignLane, type LaneDecision, type Scored } from './assign-lane.js';
export {
  checkLaneConfig,
  LANES,
  type Lane,
  type LaneConfig,
  type LaneConfigProblem,
  type LaneConfigResult,
  LaneConfigSchema,
  laneRank,
} from './lane-config.js';
export { LaneMemory } from './lane-memory.js';
export { randomlySelected, selectionDraw } from './random-selection.js';

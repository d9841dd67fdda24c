export {
  type Expected,
  type GenerateOptions,
  generateDay,
  type Planted,
  type PlantedKind,
  type Truth,
} from './generate-day.js';
export { writeGeneratedDay } from './write.js';

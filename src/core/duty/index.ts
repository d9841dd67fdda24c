export {
  type ComponentKind,
  type DutyComponent,
  type EntryKind,
  type EstimateContext,
  type EstimateLine,
  estimateShipment,
  INFORMAL_ENTRY_LIMIT_USD,
  type PostalMethod,
  type ShipmentEstimate,
} from './duty-components.js';
export {
  type DutyLineFacts,
  generalDuty,
  type NotComputedCode,
  type PartDuty,
  partDuty,
} from './general-duty.js';
export {
  type AdValoremPart,
  formatPart,
  type GeneralRate,
  parseGeneralRate,
  parseGeneralRateCached,
  type RateErrorCode,
  type RateForm,
  type RateParse,
  type RatePart,
  type RateUnit,
  type SpecificPart,
} from './general-rate.js';
export { centsToUsd, formatUsd, toCents } from './money.js';
export { type LineQuantity, type QuantityResult, quantityIn } from './quantity.js';

import { Decision, Message } from '../core/decision/index.js';
import { Amendment, Arrival, Cancellation, Filing, InputRecord } from '../core/filing/schema.js';

const SCHEMAS = {
  filing: Filing,
  amendment: Amendment,
  arrival: Arrival,
  cancellation: Cancellation,
  record: InputRecord,
  decision: Decision,
  message: Message,
} as const;

export const SCHEMA_NAMES = Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[];

/** Prints a record's JSON Schema (draft 2020-12), generated from the same TypeBox definition that validates it. */
export function printSchema(name: keyof typeof SCHEMAS): void {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://minimis.dev/schema/${name}.json`,
    title: `minimis ${name}`,
    ...JSON.parse(JSON.stringify(SCHEMAS[name])),
  };
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
}

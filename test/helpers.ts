/** Small builders for hand-made fixtures. */
import type { FieldType } from '../src/config/schema.js';
import type { FieldSpec, Snapshot, Value } from '../src/snapshots/types.js';

export function field(name: string, type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec {
  return { name, label: name, type, column: name, formats: ['yyyy-MM-dd'], values: undefined, required: false, pii: false, ...extra };
}

/** A snapshot from rows written as objects; the first field is the key. */
export function snapshot(period: string, fields: FieldSpec[], rows: Array<Record<string, Value>>): Snapshot {
  const records = new Map<string, Value[]>();
  for (const row of rows) {
    const values = fields.map((f) => row[f.name] ?? null);
    records.set(String(values[0]), values);
  }
  return { period, file: `${period}.csv`, fields, keyIndex: 0, records };
}

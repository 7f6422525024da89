/** Small builders for hand-made fixtures. */
import type { FieldType } from '../src/config/schema.js';
import { snapshotOfRecords } from '../src/snapshots/columnar.js';
import type { FieldSpec, Snapshot, Value } from '../src/snapshots/types.js';

export function field(name: string, type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec {
  return { name, label: name, type, column: name, formats: ['yyyy-MM-dd'], values: undefined, required: false, pii: false, ...extra };
}

/** A snapshot from rows written as objects; the first field is the key. */
export function snapshot(period: string, fields: FieldSpec[], rows: Array<Record<string, Value>>): Snapshot {
  const records = rows.map((row) => fields.map((f) => row[f.name] ?? null));
  return snapshotOfRecords({ period, file: `${period}.csv`, fields, keyIndex: 0 }, records);
}

import { createHash } from 'node:crypto';
import type { Snapshot } from '../types.js';

/**
 * SHA-256 of a snapshot's typed records in key order, one JSON line per
 * record: the same rows give the same digest, whatever order a database
 * returns them in. The one place the sources read a snapshot's records.
 */
export function digestRecords(snapshot: Snapshot): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(snapshot.fields.map((field) => [field.name, field.type])) + '\n');
  const rows = Array.from({ length: snapshot.size }, (_, row) => row);
  const keys = rows.map((row) => snapshot.keyAt(row));
  rows.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  for (const row of rows) hash.update(JSON.stringify(snapshot.recordAt(row)) + '\n');
  return hash.digest('hex');
}

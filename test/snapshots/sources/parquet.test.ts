/** Parquet snapshots (written by DuckDB; see test/fixtures/sources/parquet/make.mjs), typed as declared. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { SnapshotSource } from '../../../src/config/types.js';
import { loadSnapshot } from '../../../src/snapshots/index.js';
import { field, loadError } from '../helpers.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/sources');

describe('Parquet', () => {
  it('reads DATE, INTEGER, BOOLEAN and DECIMAL columns as the declared fields', async () => {
    const config = await loadConfig(path.join(fixtures, 'report.yaml'), { cwd: fixtures });
    const source: SnapshotSource = { ...config.snapshots, pathPatterns: [path.join(fixtures, 'parquet/{period}.parquet')] };
    const snapshot = await loadSnapshot(source, '2025-01');
    expect([...snapshot.records.values()][0]).toEqual(['Y-1001', 'José Álvarez', '2024-11-04', 'North Ridge', 0, true, 412.5]);
    // An empty integer cell is null, as in the CSV.
    expect(snapshot.records.get('Y-1004')?.[4]).toBeNull();
  });

  it('names the row and column of a value that is not the field\'s type, and refuses a timestamp with a time in a date field', async () => {
    const source: SnapshotSource = {
      pathPatterns: [path.join(fixtures, 'parquet/problems.parquet')],
      key: 'youthId',
      sheet: undefined,
      fields: [field('youthId', 'string', { column: 'youth_id' }), field('admittedOn', 'date', { column: 'admitted_on' }), field('days', 'integer', { column: 'days_in_isolation' })],
    };
    const error = await loadError(source, fixtures);
    expect(error.message).toBe(
      'parquet/problems.parquet:1 (column admitted_on): a timestamp with a time of day where a date belongs: got "2025-01-08T14:30:00.000Z"\n' +
        'parquet/problems.parquet:1 (column days_in_isolation): not a whole number: got "three", expected a whole number like 1234',
    );
  });

  it('says which compression it cannot read', async () => {
    const source: SnapshotSource = { pathPatterns: [path.join(fixtures, 'parquet/zstd.parquet')], key: 'id', sheet: undefined, fields: [field('id', 'string', { column: 'youth_id' })] };
    const error = await loadError(source, fixtures);
    expect(error.message).toBe('parquet/zstd.parquet: is compressed with ZSTD, which court-report does not read\n    hint: export it with SNAPPY, GZIP or no compression');
  });
});

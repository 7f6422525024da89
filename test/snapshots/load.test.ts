import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotSource } from '../../src/config/types.js';
import { loadSnapshot, locateSnapshotFile } from '../../src/snapshots/index.js';
import { caseFields, loadError, tempDir } from './helpers.js';

function sourceAt(pathPattern: string): SnapshotSource {
  return { pathPatterns: [pathPattern], sheet: undefined, key: 'aNumber', fields: caseFields };
}

describe('locateSnapshotFile', () => {
  it('fills in every {period}', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '2024-05'));
    await writeFile(join(dir, '2024-05', 'cases-2024-05.csv'), 'A_NUMBER\n1\n');
    expect(locateSnapshotFile(sourceAt(join(dir, '{period}/cases-{period}.csv')), '2024-05')).toBe(join(dir, '2024-05/cases-2024-05.csv'));
  });
});

describe('loadSnapshot', () => {
  it('reports a missing snapshot with the expected path relative to the display base', async () => {
    const dir = await tempDir();
    const error = await loadError(sourceAt(join(dir, 'snapshots', 'cases-{period}.csv')), dir);
    expect(error.message).toBe(
      `snapshot for 2024-05 not found: expected ${join('snapshots', 'cases-2024-05.csv')}\n` +
        '    hint: add the file, or check snapshots.path in the config ({period} stands for the period, YYYY-MM)',
    );
  });

  it('shows paths outside the display base in full', async () => {
    const dir = await tempDir();
    const elsewhere = await tempDir();
    const error = await loadError(sourceAt(join(elsewhere, 'cases-{period}.csv')), dir);
    expect(error.message).toContain(`expected ${join(elsewhere, 'cases-2024-05.csv')}\n`);
  });

  it('rejects an extension it cannot read', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'cases-2024-05.xls'), '');
    const error = await loadError(sourceAt(join(dir, 'cases-{period}.xls')), dir);
    expect(error.message).toBe(
      'cannot read snapshot cases-2024-05.xls: the format is known by the extension .csv, .json, .yaml, .yml, .xlsx or .parquet\n' +
        '    hint: check snapshots.path in the config',
    );
  });

  it('reads extensions in any case', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'cases-2024-05.CSV'), 'A_NUMBER,NAME,RELEASE_DATE,STATUS,BOND\nA1,Maria,,Released,1\n');
    expect((await loadSnapshot(sourceAt(join(dir, 'cases-{period}.CSV')), '2024-05')).records.size).toBe(1);
  });

});

import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotSource } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { refuseTooLarge } from '../../src/snapshots/csv-off-thread.js';
import { explainLargeCsv } from '../../src/snapshots/large-csv.js';
import { loadSnapshot } from '../../src/snapshots/load.js';
import { field } from '../helpers.js';

const fields = [field('id', 'string', { required: true }), field('servedOn', 'date'), field('office', 'string')];

async function pair(csv: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-large-csv-'));
  const file = path.join(dir, '2024-05.csv');
  await writeFile(file, csv);
  const source: SnapshotSource = { pathPatterns: [path.join(dir, '{period}.csv')], sheet: undefined, key: 'id', fields };
  return { dir, file, source };
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error('expected a UserError');
}

async function loaderMessage(source: SnapshotSource, dir: string): Promise<string> {
  return loadSnapshot(source, '2024-05', { displayBase: dir }).then(
    () => 'loaded',
    (error: UserError) => error.message,
  );
}

describe('a CSV snapshot too large for the full loader', () => {
  it.each([
    ['a bad date', 'id,servedOn,office\nA1,2024-02-30,Miami\nA2,,Tampa\n'],
    ['a repeated key', 'id,servedOn,office\nA1,,Miami\nA2,,Tampa\nA1,,Miami\n'],
    ['a ragged record', 'id,servedOn,office\nA1,,Miami\nA2,Tampa\n'],
    ['a missing column', 'id,served,office\nA1,,Miami\n'],
  ])('gets the message a small file gets for %s', async (_, csv) => {
    const { dir, file, source } = await pair(csv);
    const message = messageOf(() => explainLargeCsv(file, '2024-05.csv', source, '2024-05', 100 << 20, dir));
    expect(message).toBe(await loaderMessage(source, dir));
  });

  it('says plainly when it cannot be read at its size', async () => {
    const { dir, file, source } = await pair('id,servedOn,office\nA1,,Mi"ami\n');
    expect(messageOf(() => explainLargeCsv(file, '2024-05.csv', source, '2024-05', 100 << 20, dir))).toMatch(
      /^2024-05\.csv: cannot be read: at 100 MB it is read only by the streaming CSV reader/,
    );
  });
});

describe('a snapshot larger than memory', () => {
  it('is refused before loading, naming the snapshot and its size', () => {
    expect(messageOf(() => refuseTooLarge('2024-05.csv', '2024-05', 6 * 2 ** 30, 8 * 2 ** 30))).toBe(
      '2024-05.csv: the snapshot for 2024-05 is 6.0 GB; loading it needs about 9.0 GB of memory, more than this machine\'s 8.0 GB allows\n    hint: build on a machine with more memory, or export fewer fields',
    );
    expect(() => refuseTooLarge('2024-05.csv', '2024-05', 2 ** 30, 8 * 2 ** 30)).not.toThrow();
  });
});

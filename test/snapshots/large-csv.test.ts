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

  it('says plainly when it cannot be read at its size, at the line and column of a quote inside a value', async () => {
    const { dir, file, source } = await pair('id,servedOn,office\nA1,,Miami\r\nA2,,Mi"ami\n');
    expect(messageOf(() => explainLargeCsv(file, '2024-05.csv', source, '2024-05', 100 << 20, dir))).toMatch(
      /^2024-05\.csv:3:7: cannot be read: at 100 MB it is read only by the streaming CSV reader, which does not read a double quote inside an unquoted value\n    hint: a value that holds a double quote is quoted whole/,
    );
  });

  // Past the first megabyte, which the full loader reads for the header's problems and would word itself.
  const goodRecords = 60_000;
  const good = `id,servedOn,office\n${Array.from({ length: goodRecords }, (_, i) => `A${i},2024-05-01,Miami\n`).join('')}`;
  const line = (n: number) => goodRecords + 1 + n;

  it.each([
    ['text after a closing quote', 'B1,,"Mi""ami" FL\n', `${line(1)}:14`, 'text after the closing quote of a quoted value'],
    ['a quoted value the file ends inside, at its opening quote', 'B1,,Tampa\nB2,,"Miami\nB3,,Tampa\n', `${line(2)}:5`, 'a quoted value that is not closed (the file ends inside it)'],
    ['a byte that is not UTF-8, counted in characters', 'B1,,Bogotá\nB2,,M\u00e9rida\n', `${line(2)}:6`, 'bytes that are not UTF-8 (byte 0xE9)'],
  ])('names the line and column of %s', async (_, tail, at, what) => {
    const { dir, file, source } = await pair('');
    // The tail's é is one Latin-1 byte, Bogotá's á two UTF-8 bytes.
    await writeFile(file, Buffer.concat([Buffer.from(good), Buffer.from(tail.replace('Bogotá', 'Bogot\u00c3\u00a1'), 'latin1')]));
    const message = messageOf(() => explainLargeCsv(file, '2024-05.csv', source, '2024-05', 100 << 20, dir));
    expect(message.split('\n')[0]).toBe(`2024-05.csv:${at}: cannot be read: at 100 MB it is read only by the streaming CSV reader, which does not read ${what}`);
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

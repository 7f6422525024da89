import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotSource } from '../../src/config/types.js';
import { loadCsvColumnar } from '../../src/snapshots/csv-columnar.js';
import { field } from '../helpers.js';

const fields = [
  field('id', 'string', { required: true }),
  field('status', 'enum', { values: ['FREE', 'HELD'] }),
  field('servedOn', 'date', { formats: ['yyyy-MM-dd', 'M/d/yyyy'] }),
  field('office', 'string'),
  field('visits', 'integer'),
];

async function load(csv: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-columnar-'));
  const file = path.join(dir, '2024-05.csv');
  await writeFile(file, csv);
  const source: SnapshotSource = { pathPatterns: [path.join(dir, '{period}.csv')], sheet: undefined, key: 'id', fields };
  return loadCsvColumnar(file, source, '2024-05');
}

describe('streaming CSV loader', () => {
  it('types cells into columns as the loader types them', async () => {
    const snapshot = await load('id,status,servedOn,office,visits\nA1,FREE,2024-05-02,Miami,3\nA2, HELD ,5/7/2024,"Miami",\n\nA3,,,"Fort ""Lauderdale""",0\n');
    expect(snapshot && [...snapshot.records]).toEqual([
      ['A1', ['A1', 'FREE', '2024-05-02', 'Miami', 3]],
      ['A2', ['A2', 'HELD', '2024-05-07', 'Miami', null]],
      ['A3', ['A3', null, null, 'Fort "Lauderdale"', 0]],
    ]);
  });

  it('keys records however their key cell is written: plain, quoted, padded or not ASCII', async () => {
    const snapshot = await load('id,status,servedOn,office,visits\nK1,FREE,,,\n"K2",FREE,,,\n K3 ,FREE,,,\n\u00d14,FREE,,,\n"K""5",FREE,,,\n');
    expect(snapshot && [...snapshot.records].map(([key]) => key)).toEqual(['K1', 'K2', 'K3', '\u00d14', 'K"5']);
    expect(['K1', 'K2', 'K3', '\u00d14', 'K"5'].map((key) => snapshot!.rowOf(key))).toEqual([0, 1, 2, 3, 4]);
    // The same key twice, once quoted: a repeated key, left to the full loader to name.
    expect(await load('id,status,servedOn,office,visits\nK1,FREE,,,\n"K1",HELD,,,\n')).toBeNull();
  });

  it('gives one dictionary code to a text however it is written', async () => {
    const snapshot = await load('id,status,servedOn,office,visits\nA1,FREE,,Miami,\nA2,FREE,," Miami",\nA3,FREE,,"Miami",\n');
    const office = snapshot!.column(3);
    expect(office.kind === 'text' && [...office.codes]).toEqual([0, 0, 0]);
  });

  it.each([
    ['a value the field does not accept', 'A1,LOST,,,\n'],
    ['a ragged record', 'A1,FREE,,\n'],
    ['a repeated key', 'A1,FREE,,,\nA1,HELD,,,\n'],
    ['an empty key', ',FREE,,,\n'],
    ['no records', ''],
  ])('leaves %s to the full loader, which words it', async (_, records) => {
    expect(await load(`id,status,servedOn,office,visits\n${records}`)).toBeNull();
  });

  it('leaves a header without a configured column to the full loader', async () => {
    expect(await load('id,status,servedOn,visits\nA1,FREE,,1\n')).toBeNull();
  });
});

describe('loading on a worker thread', () => {
  it('gives the same snapshot as loading in this thread', async () => {
    // Workers run compiled JavaScript: the built module (npm test builds first).
    const built = path.resolve('dist/snapshots/csv-off-thread.js');
    const { loadCsvOffThread } = (await import(built)) as typeof import('../../src/snapshots/csv-off-thread.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-worker-'));
    const file = path.join(dir, '2024-05.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => `K${i},${i % 3 ? 'FREE' : 'HELD'},${i % 2 ? '2024-05-02' : ''},Office ${i % 7},${i}`);
    await writeFile(file, `id,status,servedOn,office,visits\n${rows.join('\n')}\n`);
    const source: SnapshotSource = { pathPatterns: [path.join(dir, '{period}.csv')], sheet: undefined, key: 'id', fields };
    const offThread = await loadCsvOffThread(file, source, '2024-05', file, 0);
    const here = loadCsvColumnar(file, source, '2024-05');
    expect(offThread!.size).toBe(3000);
    expect([...offThread!.records]).toEqual([...here!.records]);
    expect(offThread!.rowOf('K2999')).toBe(2999);
    expect(offThread!.fields).toBe(fields);
  });

  it('starts threads ahead for a build of large snapshots only, one per large month', async () => {
    const { startLoaderThreadsFor, idleLoaderThreads } = (await import(path.resolve('dist/snapshots/csv-off-thread.js'))) as typeof import('../../src/snapshots/csv-off-thread.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-ahead-'));
    const source: SnapshotSource = { pathPatterns: [path.join(dir, '{period}.csv')], sheet: undefined, key: 'id', fields };
    await writeFile(path.join(dir, '2024-04.csv'), 'id\nK1\n');
    await writeFile(path.join(dir, '2024-05.csv'), 'id\nK1\n');
    const before = idleLoaderThreads();
    startLoaderThreadsFor(source, '2024-05', '2024-01');
    expect(idleLoaderThreads()).toBe(before);
    // A large current month (its size is what counts: the file is sparse).
    await truncate(path.join(dir, '2024-05.csv'), 9 << 20);
    startLoaderThreadsFor(source, '2024-05', '2024-01');
    expect(idleLoaderThreads()).toBe(Math.max(before, 1));
    await truncate(path.join(dir, '2024-04.csv'), 9 << 20);
    startLoaderThreadsFor(source, '2024-05', '2024-01');
    expect(idleLoaderThreads()).toBe(Math.max(before, 2));
    // A missing month is left to its load to name, and idle threads are not started twice.
    startLoaderThreadsFor(source, '2024-06', '2024-01');
    expect(idleLoaderThreads()).toBe(Math.max(before, 2));
  });

  it('gives the same snapshot from threads started ahead of their loads', async () => {
    const built = path.resolve('dist/snapshots/csv-off-thread.js');
    const { loadCsvOffThread, startLoaderThreads } = (await import(built)) as typeof import('../../src/snapshots/csv-off-thread.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-worker-'));
    const files = ['2024-04', '2024-05'].map((period) => path.join(dir, `${period}.csv`));
    for (const [n, file] of files.entries()) {
      const rows = Array.from({ length: 2000 }, (_, i) => `K${i + n},${i % 3 ? 'FREE' : 'HELD'},${i % 2 ? '2024-05-02' : ''},Office ${i % 7},${i}`);
      await writeFile(file, `id,status,servedOn,office,visits\n${rows.join('\n')}\n`);
    }
    const source: SnapshotSource = { pathPatterns: [path.join(dir, '{period}.csv')], sheet: undefined, key: 'id', fields };
    startLoaderThreads(2);
    const [prior, current] = await Promise.all(files.map((file, n) => loadCsvOffThread(file, source, `2024-0${4 + n}`, file, 0)));
    expect([...prior!.records]).toEqual([...loadCsvColumnar(files[0]!, source, '2024-04')!.records]);
    expect([...current!.records]).toEqual([...loadCsvColumnar(files[1]!, source, '2024-05')!.records]);
    expect(current!.rowOf('K1')).toBe(0);
  });
});

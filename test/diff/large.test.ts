import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseCsvRecords } from '../../src/snapshots/csv-records.js';
import { describe, expect, it } from 'vitest';
import { benchEvents, benchSource, generateLargePair } from '../../bench/gen-large.js';
import type { FieldType } from '../../src/config/schema.js';
import type { EventSpec, SnapshotSource } from '../../src/config/types.js';
import { diffSnapshots } from '../../src/diff/diff.js';
import { CellTyper } from '../../src/diff/stream/cells.js';
import { CsvRecordReader, UnsupportedCsv } from '../../src/diff/stream/csv-reader.js';
import { diffCsvFiles, type CsvDiffInput } from '../../src/diff/stream/index.js';
import type { PeriodDiff } from '../../src/diff/types.js';
import { UserError } from '../../src/errors.js';
import type { FieldSpec } from '../../src/snapshots/types.js';
import { coerceValue } from '../../src/snapshots/coerce.js';
import { loadSnapshot } from '../../src/snapshots/load.js';
import { Random } from '../../src/synthetic/random.js';
import { field } from '../helpers.js';

const PRIOR = '2024-04';
const CURRENT = '2024-05';

/** A hand-made source: id is the key, every column named after its field. */
const fields = [
  field('id', 'string', { required: true }),
  field('status', 'enum', { values: ['FREE', 'HELD', 'GONE'] }),
  field('servedOn', 'date', { formats: ['yyyy-MM-dd', 'M/d/yyyy'] }),
  field('office', 'string'),
  field('flagged', 'boolean'),
  field('visits', 'integer'),
];
const HEADER = 'id,status,servedOn,office,flagged,visits';

const event = (id: string, spec: Partial<EventSpec>): EventSpec => ({ id, label: id, field: 'status', change: 'changed', ...spec });
const events = [
  event('held', { from: 'FREE', to: 'HELD' }),
  event('released', { from: ['HELD', 'GONE'], to: 'FREE' }),
  event('served', { field: 'servedOn', change: 'set' }),
  event('unserved', { field: 'servedOn', change: 'cleared' }),
  event('reserved', { field: 'servedOn', change: 'moved' }),
  event('flaggedNow', { field: 'flagged', change: 'changed', to: true }),
  event('heldAndServedInPeriod', { from: 'FREE', to: 'HELD', where: { field: 'servedOn', withinPeriod: true } }),
];

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'court-report-large-'));
}

/** Writes the two snapshots into a fresh folder; returns the input for both diffs. */
async function snapshots(prior: string | null, current: string, options: Partial<CsvDiffInput> = {}): Promise<CsvDiffInput> {
  const dir = await tempDir();
  const source: SnapshotSource = { pathPatterns: [path.join(dir, '{period}.csv')], sheet: undefined, key: 'id', fields };
  await writeFile(path.join(dir, `${CURRENT}.csv`), current);
  if (prior !== null) await writeFile(path.join(dir, `${PRIOR}.csv`), prior);
  return inputFor(source, prior !== null, { displayBase: dir, ...options });
}

function inputFor(source: SnapshotSource, hasPrior: boolean, options: Partial<CsvDiffInput> = {}): CsvDiffInput {
  return {
    source,
    currentFile: source.pathPatterns[0]!.replace('{period}', CURRENT),
    priorFile: hasPrior ? source.pathPatterns[0]!.replace('{period}', PRIOR) : null,
    period: CURRENT,
    priorPeriod: hasPrior ? PRIOR : null,
    events,
    periodStart: '2024-05-01',
    periodEnd: '2024-05-31',
    ...options,
  };
}

/** The in-memory path on the same files: what diffCsvFiles must give. */
async function reference(input: CsvDiffInput): Promise<PeriodDiff> {
  const options = { displayBase: input.displayBase };
  const current = await loadSnapshot(input.source, input.period, options);
  const prior = input.priorPeriod === null ? null : await loadSnapshot(input.source, input.priorPeriod, options);
  return diffSnapshots({ current, prior, events: input.events, periodStart: input.periodStart, periodEnd: input.periodEnd });
}

/** Both ways of checking the prior snapshot: while indexing it, and beside the diff. */
async function expectSameDiff(input: CsvDiffInput): Promise<PeriodDiff> {
  const expected = await reference(input);
  expect(await diffCsvFiles({ ...input, parallel: false })).toEqual(expected);
  expect(await diffCsvFiles({ ...input, parallel: true })).toEqual(expected);
  return expected;
}

async function errorOf(run: () => Promise<unknown>): Promise<UserError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

/** The error the loader gives, the same from both ways of diffing. */
async function expectSameError(input: CsvDiffInput): Promise<UserError> {
  const expected = await errorOf(() => reference(input));
  for (const parallel of [false, true]) {
    const error = await errorOf(() => diffCsvFiles({ ...input, parallel }));
    expect(error.message).toBe(expected.message);
    expect(error.problems).toEqual(expected.problems);
  }
  return expected;
}

function shuffledLines(text: string, seed: number): string {
  const [header, ...rows] = text.trimEnd().split('\n');
  return [header, ...new Random(seed).shuffle(rows)].join('\n') + '\n';
}

describe('diffCsvFiles on generated snapshots', () => {
  it('gives what diffSnapshots gives on the loaded snapshots', async () => {
    const pair = generateLargePair({ dir: await tempDir(), size: 3000, seed: 11, changeRate: 0.2 });
    const diff = await expectSameDiff(inputFor(benchSource(pair.pathPattern), true, { events: benchEvents() }));
    expect(diff.counts.changed).toBeGreaterThan(400);
    expect(diff.counts.added).toBeGreaterThan(0);
    expect(diff.counts.removed).toBeGreaterThan(0);
    expect(Object.values(diff.events).every((count) => count > 0)).toBe(true);
  });

  it('finds records when neither file is in key order', async () => {
    const pair = generateLargePair({ dir: await tempDir(), size: 3000, seed: 12, changeRate: 0.2 });
    for (const [file, seed] of [[pair.priorFile, 1], [pair.currentFile, 2]] as const) {
      await writeFile(file, shuffledLines(await readFile(file, 'utf8'), seed));
    }
    await expectSameDiff(inputFor(benchSource(pair.pathPattern), true, { events: benchEvents() }));
  });

  it('finds records when only the current file is out of order', async () => {
    const pair = generateLargePair({ dir: await tempDir(), size: 2000, seed: 13 });
    await writeFile(pair.currentFile, shuffledLines(await readFile(pair.currentFile, 'utf8'), 3));
    await expectSameDiff(inputFor(benchSource(pair.pathPattern), true, { events: benchEvents() }));
  });

  it('reads the example snapshots as the loader does', async () => {
    const source = benchSource(path.resolve('data/florida-v-mayorkas/snapshots/{period}.csv'));
    await expectSameDiff(inputFor(source, true, { events: benchEvents() }));
  });

});

describe('diffCsvFiles on hand-made snapshots', () => {
  const prior = [
    HEADER,
    'a,FREE,,Miami,false,1',
    'b,FREE,2024-04-02,Miami,no,2',
    'c,HELD,2024-03-01,"Washington, DC",yes,0',
    'd,FREE,,Houston,false,5',
    'gone,FREE,,Miami,false,0',
  ].join('\n');
  const current = [
    HEADER,
    'a,HELD,2024-05-10,Miami,false,1',
    'b,HELD,,Miami,no,3',
    'c,FREE,2024-03-05,"Washington, DC",yes,0',
    'd,FREE,,Houston,false,5',
    'new,FREE,,Atlanta,true,0',
  ].join('\n');

  it('counts keys, field changes, transitions and events', async () => {
    const diff = await expectSameDiff(await snapshots(prior, current));
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 3, unchanged: 1 });
    expect(diff.events).toMatchObject({ held: 2, released: 1, served: 1, unserved: 1, reserved: 1, heldAndServedInPeriod: 1 });
  });

  it('treats every record as added when there is no prior snapshot', async () => {
    const diff = await expectSameDiff(await snapshots(null, current));
    expect(diff.priorPeriod).toBeNull();
    expect(diff.counts).toEqual({ added: 5, removed: 0, changed: 0, unchanged: 0 });
  });

  it('reads quotes, CRLF, a BOM, blank lines and empty cells', async () => {
    const crlf = (text: string) => text.replaceAll('\n', '\r\n');
    const quoted = [
      HEADER,
      '"a","FREE","","He said ""hi""",,1',
      '',
      'b,FREE,2024-04-02,"two\nlines",no,2',
      ',,,,,',
      'c,HELD,2024-03-01,"Washington, DC",yes,',
    ].join('\n');
    const changedQuoted = [
      HEADER,
      'a,FREE,,"He said ""bye""",,1',
      'b,FREE,2024-04-02,"two\r\nlines",no,2',
      'c,HELD,2024-03-01,"Washington, DC",yes,7',
    ].join('\n');
    const diff = await expectSameDiff(await snapshots(quoted, '\uFEFF' + crlf(changedQuoted) + '\r\n\r\n'));
    expect(diff.changed).toEqual(['a', 'b', 'c']);
  });

  it('reads a lone CR as a line break', async () => {
    await expectSameDiff(await snapshots(prior.replaceAll('\n', '\r'), current));
  });

  it('counts a record unchanged when only the way its values are written differs', async () => {
    const written = [
      HEADER,
      '" a ",FREE,4/2/2024, Miami ,YES,+1',
      'b,FREE,2024-04-02,Miami,no,2',
      'c,"HELD",2024-03-01,"Washington, DC",yes,0',
    ].join('\n');
    const rewritten = [HEADER, 'a,FREE,2024-04-02,Miami,true,1', 'b,FREE,2024-04-02,Miami,no,02', 'c,HELD,3/1/2024,"Washington, DC",y,0'].join('\n');
    const diff = await expectSameDiff(await snapshots(written, rewritten));
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
  });

  it('reads files whose columns are in different orders', async () => {
    const reordered = ['visits,office,id,extra,status,servedOn,flagged', '1,Miami,a,x,HELD,2024-05-10,false', '3,Miami,b,y,HELD,,no'].join('\n');
    await expectSameDiff(await snapshots(prior, reordered));
  });

  it('reads snapshots in other formats through the loader', async () => {
    const dir = await tempDir();
    const source: SnapshotSource = { pathPatterns: [path.join(dir, '{period}.json')], sheet: undefined, key: 'id', fields };
    const rows = (status: string) => [{ id: 'a', status, servedOn: null, office: 'Miami', flagged: false, visits: 1 }];
    await writeFile(path.join(dir, `${PRIOR}.json`), JSON.stringify(rows('FREE')));
    await writeFile(path.join(dir, `${CURRENT}.json`), JSON.stringify(rows('HELD')));
    const diff = await expectSameDiff(inputFor(source, true, { displayBase: dir }));
    expect(diff.changed).toEqual(['a']);
  });

  it('falls back to the loader for quotes it does not read itself', async () => {
    const strayQuote = [HEADER, 'a,FREE,,5\'10" tall,false,1', 'b,FREE,,Miami,no,2'].join('\n');
    await expectSameDiff(await snapshots(prior, strayQuote));
  });
});

describe('diffCsvFiles errors', () => {
  const good = [HEADER, 'a,FREE,,Miami,false,1', 'b,FREE,2024-04-02,Miami,no,2', 'c,HELD,,Miami,no,3'].join('\n');

  it('names the file, line and column of a bad date', async () => {
    const badDate = [HEADER, 'a,FREE,,Miami,false,1', '', 'b,FREE,2024-02-30,Miami,no,2', 'c,HELD,,Miami,no,3'].join('\n');
    const error = await expectSameError(await snapshots(good, badDate));
    expect(error.problems[0]).toMatchObject({
      location: { file: `${CURRENT}.csv`, line: 4, columnName: 'servedOn' },
      message: 'not a calendar date',
      value: '2024-02-30',
    });
  });

  it('names a bad value in the prior snapshot', async () => {
    const error = await expectSameError(await snapshots(good.replace('HELD', 'HOLD'), good));
    expect(error.problems[0]?.location).toMatchObject({ file: `${PRIOR}.csv`, line: 4, columnName: 'status' });
  });

  it('reports the current snapshot first when a bad record is in both', async () => {
    const bad = good.replace('Miami,no,3', 'Miami,no,three');
    const error = await expectSameError(await snapshots(bad, bad));
    expect(error.problems[0]?.location?.file).toBe(`${CURRENT}.csv`);
  });

  it('reports duplicate keys with the line of the first', async () => {
    const error = await expectSameError(await snapshots(good, good + '\na,HELD,,Miami,no,9'));
    expect(error.problems[0]).toMatchObject({ location: { line: 5 }, message: expect.stringContaining('also on line 2') });
    await expectSameError(await snapshots(good + '\nb,HELD,,Miami,no,9', good));
  });

  it('reports duplicate keys in files out of key order', async () => {
    const unordered = [HEADER, 'c,HELD,,Miami,no,3', 'a,FREE,,Miami,false,1', 'b,FREE,2024-04-02,Miami,no,2'].join('\n');
    await expectSameError(await snapshots(unordered + '\nc,FREE,,Miami,no,4', good));
    await expectSameError(await snapshots(unordered, unordered + '\na,HELD,,Miami,no,9'));
  });

  it('reports an empty cell in a required text field', async () => {
    const error = await expectSameError(await snapshots(good, good.replace('a,FREE', ',FREE').replace('b,FREE', '"",FREE')));
    expect(error.problems.map((p) => p.location?.line)).toEqual([2, 3]);
  });

  it('reports records with too few or too many values', async () => {
    const error = await expectSameError(await snapshots(good, good + '\nd,FREE,,Miami\ne,FREE,,Miami,no,1,extra'));
    expect(error.problems.map((p) => p.location?.line)).toEqual([5, 6]);
    await expectSameError(await snapshots(good.replace('c,HELD,,Miami,no,3', 'c,HELD,,Miami'), good));
  });

  it('leaves a missing file, a missing column and an empty file to the loader', async () => {
    const missingFile = await snapshots(null, good);
    await expectSameError({ ...missingFile, priorFile: missingFile.currentFile.replace(CURRENT, PRIOR), priorPeriod: PRIOR });
    await expectSameError(await snapshots(good, good.replace('servedOn', 'served')));
    await expectSameError(await snapshots('', good));
    await expectSameError(await snapshots(good, HEADER));
  });
});

describe('CsvRecordReader', () => {
  const tricky = [
    '\uFEFFid,note\r\n',
    'a,"one, two"\r\n',
    '\r\n',
    'b,"say ""hi""\nand\r\nbye"\n',
    'c,\rd,"é ü"\n',
    '"",\n',
    'e,last',
  ].join('');

  it('reads the records the snapshot loader reads, whatever the chunk size', async () => {
    const file = path.join(await tempDir(), 'tricky.csv');
    await writeFile(file, tricky);
    // Every record but empty lines, as the reader gives them.
    const expected = parseCsvRecords(tricky)
      .map((record) => record.cells)
      .filter((cells) => !(cells.length === 1 && cells[0] === ''));
    for (let chunkBytes = 1; chunkBytes <= 40; chunkBytes++) {
      const reader = CsvRecordReader.open(file, { chunkBytes, countLines: true });
      const records: string[][] = [];
      const lines: number[] = [];
      while (reader.next()) {
        records.push(reader.cellTexts());
        lines.push(reader.line);
      }
      reader.close();
      expect(records, `chunks of ${chunkBytes} bytes`).toEqual(expected);
      expect(lines).toEqual([1, 2, 4, 7, 8, 9, 10]);
    }
  });

  it('reads a record again from bytes without looking past its end', () => {
    const reader = CsvRecordReader.ofBytes();
    const bytes = Buffer.from('"x","y""z""next",1');
    reader.readRecordAt(bytes, 0, 10);
    expect(reader.cellTexts()).toEqual(['x', 'y"z']);
  });
});

/** Random text from pieces that make CSV and values hard, seeded so a failure repeats. */
function randomText(random: Random, pieces: readonly string[], count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += pieces[random.int(0, pieces.length - 1)];
  return text;
}

/** The loader skips records whose every cell is blank, however they are written. */
const notBlank = (cells: string[]) => !cells.every((cell) => cell.trim() === '');

/** The records the snapshot loader reads from CSV text. */
function loaderRecords(text: string): string[][] {
  return parseCsvRecords(text)
    .map((record) => record.cells)
    .filter(notBlank);
}

describe('agreement with the snapshot loader on random input', () => {
  it('reads what the loader reads, or leaves the file to the loader', async () => {
    const file = path.join(await tempDir(), 'random.csv');
    const random = new Random(5);
    const mismatches: string[] = [];
    for (let round = 0; round < 1000; round++) {
      const text = (random.chance(0.1) ? '\uFEFF' : '') + randomText(random, ['a', 'b', ',', ',', '"', '""', '\n', '\r', '\r\n', ' ', 'é'], random.int(1, 30));
      await writeFile(file, text);
      let expected: string[][] | 'error';
      try {
        expected = loaderRecords(text);
      } catch {
        expected = 'error';
      }
      for (const chunkBytes of [2, 7, 1 << 16]) {
        const reader = CsvRecordReader.open(file, { chunkBytes });
        try {
          const records: string[][] = [];
          while (reader.next()) records.push(reader.cellTexts());
          if (JSON.stringify(records.filter(notBlank)) !== JSON.stringify(expected)) mismatches.push(`${JSON.stringify(text)} in chunks of ${chunkBytes}`);
        } catch (error) {
          if (!(error instanceof UnsupportedCsv)) throw error;
        } finally {
          reader.close();
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('types cells as coerceValue does', async () => {
    const f = (name: string, type: FieldType, extra: Partial<FieldSpec> = {}) => field(name, type, { formats: ['yyyy-MM-dd', 'M/d/yyyy'], ...extra });
    const typed = [
      f('text', 'string'),
      f('requiredText', 'string', { required: true }),
      f('date', 'date'),
      f('requiredDate', 'date', { required: true }),
      f('usDate', 'date', { formats: ['M/d/yyyy'] }),
      f('status', 'enum', { values: ['A', 'BB', ' C', 'é'] }),
      f('requiredStatus', 'enum', { values: ['A', 'BB'], required: true }),
      f('count', 'integer'),
      f('flag', 'boolean'),
    ];
    const pieces = ['', ' ', 'A', 'BB', 'C', 'é', '2024-02-29', '2023-02-29', '2024-13-01', '2024-1-01', '5/1/2024', '0000-01-01', '1', '+1', 'yes', '\t', '\u00a0', '""', '"A"', '" A"', '"a,b"', '2024-04-31'];
    const file = path.join(await tempDir(), 'typed.csv');
    const random = new Random(9);
    const typer = new CellTyper(typed, typed.map((_, i) => i));
    // One typer per field too, so that each cell's validity is checked on its own.
    const cellTypers = typed.map((t, i) => new CellTyper([t], [i]));
    const mismatches: string[] = [];
    for (let round = 0; round < 400; round++) {
      const cells = typed.map(() => randomText(random, pieces, random.int(1, 2)));
      await writeFile(file, `${typed.map((t) => t.name).join(',')}\n${cells.join(',')}\n`);
      const reader = CsvRecordReader.open(file);
      reader.next();
      const readable = (() => {
        try {
          return reader.next() && reader.cellCount === typed.length;
        } catch (error) {
          if (error instanceof UnsupportedCsv) return false;
          throw error;
        }
      })();
      if (!readable) {
        reader.close();
        continue;
      }
      const texts = reader.cellTexts();
      const expected = typed.map((t, i) => coerceValue(texts[i], t));
      if (typer.recordIsValid(reader) !== expected.every((c) => 'value' in c)) mismatches.push(`record ${cells.join(',')}`);
      typed.forEach((t, i) => {
        const coerced = expected[i]!;
        if (cellTypers[i]!.recordIsValid(reader) !== 'value' in coerced) mismatches.push(`${t.name} valid: ${texts[i]}`);
        if (typer.value(reader, i) !== ('value' in coerced ? coerced.value : undefined)) mismatches.push(`${t.name} value: ${texts[i]}`);
      });
      reader.close();
    }
    expect(mismatches).toEqual([]);
  });
});

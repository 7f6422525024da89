/**
 * Two large CSV snapshots (prior and current month) with the example's ten
 * columns, for benchmarking the diff. About 5% of the records change between
 * the two months: dates set, moved or cleared, custody and exit transitions,
 * a few records added and removed. Seeded: the same size and seed give the
 * same bytes.
 *
 * `node bench/.work/dist/bench/gen-large.js --size 1000000 [--order same|differs] [--seed N] [--out DIR]`
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { EventSpec, SnapshotSource } from '../src/config/types.js';
import type { FieldSpec } from '../src/snapshots/types.js';
import { COUNTRY_WEIGHTS, FIELD_OFFICE_WEIGHTS } from '../src/synthetic/countries.js';
import { quoteCell, SNAPSHOT_COLUMNS } from '../src/synthetic/csv.js';
import { Random } from '../src/synthetic/random.js';

export const PRIOR_PERIOD = '2024-04';
export const CURRENT_PERIOD = '2024-05';
export const DEFAULT_BENCH_SEED = 7_000_000;

export interface LargePairOptions {
  /** Folder for `<prior>.csv` and `<current>.csv`. */
  dir: string;
  /** Records in the prior snapshot. */
  size: number;
  seed?: number;
  /** Share of the records that change between the two months. */
  changeRate?: number;
  /**
   * "same": both months list records in key order (a sorted export). "differs": the
   * current month lists them in hash order of their keys, as a database export without
   * ORDER BY would, so neither order helps a diff. Default "same".
   */
  order?: 'same' | 'differs';
}

/** What a diff of the pair must find (written beside it as expected.json). */
export interface ExpectedCounts {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** custodyStatus transitions among the changed records, "FROM>TO" → count. */
  custodyTransitions: Record<string, number>;
}

export interface LargePair {
  priorFile: string;
  currentFile: string;
  /** `<dir>/{period}.csv`, for a SnapshotSource. */
  pathPattern: string;
  expected: ExpectedCounts;
}

/** The first day the synthetic dates use and how many days they span. */
const FIRST_DAY = Date.UTC(2023, 4, 10);
const DAYS = 388; // to 2024-05-31
const ISO_DAYS = Array.from({ length: DAYS }, (_, i) => new Date(FIRST_DAY + i * 86_400_000).toISOString().slice(0, 10));
const PRIOR_DAYS = DAYS - 31; // the prior snapshot ends on 2024-04-30
const COUNTRIES = weightedTable(COUNTRY_WEIGHTS);
const OFFICES = weightedTable(FIELD_OFFICE_WEIGHTS);
const CHUNK_BYTES = 8 << 20;

/** A record's state in one month; day numbers index ISO_DAYS, -1 is empty. */
interface Row {
  key: string;
  country: string;
  released: number;
  checkedIn: number;
  ntaIssued: number;
  ntaServed: number;
  exitOn: number;
  exitType: string;
  custody: string;
  office: string;
}

export function generateLargePair(options: LargePairOptions): LargePair {
  const { dir, size } = options;
  const random = new Random(options.seed ?? DEFAULT_BENCH_SEED);
  const changeRate = options.changeRate ?? 0.05;
  mkdirSync(dir, { recursive: true });
  const pathPattern = path.join(dir, '{period}.csv');
  const priorFile = pathPattern.replace('{period}', PRIOR_PERIOD);
  const currentFile = pathPattern.replace('{period}', CURRENT_PERIOD);
  const prior = new ChunkedWriter(priorFile);
  const current = options.order === 'differs' ? new HashOrderWriter(currentFile) : new ChunkedWriter(currentFile);
  const header = SNAPSHOT_COLUMNS.map(([column]) => column).join(',') + '\n';
  prior.write(header);
  current.write(header);

  const expected: ExpectedCounts = { added: 0, removed: 0, changed: 0, unchanged: 0, custodyTransitions: {} };
  let keyNumber = 0;
  for (let i = 0; i < size; i++) {
    keyNumber += 2 + random.int(0, 40);
    const row = priorRow(random, keyNumber);
    const draw = random.next();
    const before = line(row);
    prior.write(before);
    if (draw < 0.001) {
      expected.removed++; // removed by the current month
      continue;
    }
    const after = draw < changeRate ? changeRow(random, row) : row;
    const afterLine = after === row ? before : line(after);
    current.write(afterLine, row.key);
    if (afterLine === before) expected.unchanged++;
    else {
      expected.changed++;
      if (after.custody !== row.custody) {
        const transition = `${row.custody}>${after.custody}`;
        expected.custodyTransitions[transition] = (expected.custodyTransitions[transition] ?? 0) + 1;
      }
    }
    if (draw > 0.998) {
      const added = priorRow(random, keyNumber + 1);
      current.write(line(added), added.key); // added in the current month
      expected.added++;
    }
  }
  prior.close();
  current.close();
  writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  return { priorFile, currentFile, pathPattern, expected };
}

function priorRow(random: Random, keyNumber: number): Row {
  const released = random.int(0, 2);
  const checkedIn = random.chance(0.85) ? random.int(released, PRIOR_DAYS - 1) : -1;
  const ntaIssued = checkedIn >= 0 && random.chance(0.6) ? random.int(checkedIn, PRIOR_DAYS - 1) : -1;
  const ntaServed = ntaIssued >= 0 && random.chance(0.8) ? random.int(ntaIssued, PRIOR_DAYS - 1) : -1;
  const exits = random.chance(0.08);
  return {
    key: 'X' + String(keyNumber).padStart(9, '0'),
    country: pick(random, COUNTRIES),
    released,
    checkedIn,
    ntaIssued,
    ntaServed,
    exitOn: exits ? random.int(released, PRIOR_DAYS - 1) : -1,
    exitType: exits ? pick(random, ['REMOVED', 'REMOVED', 'DEPARTED', 'DECEASED']) : '',
    custody: exits ? 'CLOSED' : random.chance(0.03) ? 'DETAINED' : 'NON_DETAINED',
    office: pick(random, OFFICES),
  };
}

/** One plausible month's change: usually the person's next event, sometimes a correction. */
function changeRow(random: Random, before: Row): Row {
  const row = { ...before };
  const inMonth = () => random.int(PRIOR_DAYS, DAYS - 1);
  const draw = random.next();
  if (draw < 0.12 && row.custody !== 'CLOSED') row.custody = row.custody === 'DETAINED' ? 'NON_DETAINED' : 'DETAINED';
  else if (draw < 0.16 && row.checkedIn >= 0) row.checkedIn = Math.max(row.released, row.checkedIn - 1 - random.int(0, 5));
  else if (draw < 0.18 && row.ntaServed >= 0) row.ntaServed = -1;
  else if (draw < 0.2) row.office = pick(random, OFFICES);
  else if (row.checkedIn < 0) row.checkedIn = inMonth();
  else if (row.ntaIssued < 0) row.ntaIssued = inMonth();
  else if (row.ntaServed < 0) row.ntaServed = inMonth();
  else if (row.exitOn < 0) {
    row.exitOn = inMonth();
    row.exitType = pick(random, ['REMOVED', 'DEPARTED']);
    row.custody = 'CLOSED';
  } else row.office = pick(random, OFFICES);
  return row;
}

function line(row: Row): string {
  return `${row.key},${row.country},${ISO_DAYS[row.released]},${day(row.checkedIn)},${day(row.ntaIssued)},${day(row.ntaServed)},${day(row.exitOn)},${row.exitType},${row.custody},${row.office}\n`;
}

function day(index: number): string {
  return index < 0 ? '' : ISO_DAYS[index]!;
}

/** Values repeated by weight, already quoted for CSV, so a draw is one index. */
function weightedTable(weights: ReadonlyArray<readonly [string, number]>): string[] {
  return weights.flatMap(([value, weight]) => Array<string>(weight).fill(quoteCell(value)));
}

function pick(random: Random, table: readonly string[]): string {
  return table[Math.floor(random.next() * table.length)]!;
}

/**
 * Writes records in the hash order of their keys: each record goes to one of
 * a few buckets by its key's hash, and the buckets are written one after
 * another at the end (kept in memory: the bench's files fit).
 */
class HashOrderWriter {
  private readonly out: ChunkedWriter;
  private readonly buckets: string[][] = Array.from({ length: 61 }, () => []);
  private headerWritten = false;

  constructor(file: string) {
    this.out = new ChunkedWriter(file);
  }

  write(text: string, key?: string): void {
    if (key === undefined || !this.headerWritten) {
      this.out.write(text);
      this.headerWritten = true;
      return;
    }
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
    this.buckets[(hash >>> 0) % this.buckets.length]!.push(text);
  }

  close(): void {
    for (const bucket of this.buckets) for (const text of bucket.reverse()) this.out.write(text);
    this.out.close();
  }
}

/** Appends ASCII text to a large buffer and writes the buffer out when it fills. */
class ChunkedWriter {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  write(text: string, _key?: string): void {
    if (this.used + text.length > CHUNK_BYTES) this.flush();
    this.used += this.buffer.write(text, this.used, 'latin1');
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }
}

/** The example's snapshot fields (data/florida-v-mayorkas/report.yaml), reading files at `pathPattern`. */
export function benchSource(pathPattern: string): SnapshotSource {
  const dateFormats = ['yyyy-MM-dd', 'M/d/yyyy'];
  const field = (name: string, type: FieldSpec['type'], column: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
    name,
    label: name,
    type,
    column,
    formats: type === 'date' ? dateFormats : [],
    values: undefined,
    required: false,
    pii: false,
    ...extra,
  });
  return {
    pathPatterns: [pathPattern],
    sheet: undefined,
    key: 'aNumber',
    fields: [
      field('aNumber', 'string', 'A_NUMBER', { label: 'A-Number', required: true, pii: true }),
      field('nationality', 'string', 'COUNTRY_OF_CITIZENSHIP', { required: true }),
      field('releasedOn', 'date', 'RELEASE_DATE', { required: true }),
      field('checkedInOn', 'date', 'CHECK_IN_DATE'),
      field('ntaIssuedOn', 'date', 'NTA_ISSUED_DATE'),
      field('ntaServedOn', 'date', 'NTA_SERVED_DATE'),
      field('exitOn', 'date', 'EXIT_DATE'),
      field('exitType', 'enum', 'EXIT_TYPE', { values: ['REMOVED', 'DEPARTED', 'DECEASED'] }),
      field('custodyStatus', 'enum', 'CUSTODY_STATUS', { required: true, values: ['NON_DETAINED', 'DETAINED', 'CLOSED'] }),
      field('fieldOffice', 'string', 'FIELD_OFFICE', { required: true }),
    ],
  };
}

/** The example's events (report.yaml), plus one with a filter so `where` is exercised. */
export function benchEvents(): EventSpec[] {
  const event = (id: string, spec: Omit<EventSpec, 'id' | 'label'>): EventSpec => ({ id, label: id, ...spec });
  return [
    event('checkedIn', { field: 'checkedInOn', change: 'set' }),
    event('ntaIssued', { field: 'ntaIssuedOn', change: 'set' }),
    event('ntaServed', { field: 'ntaServedOn', change: 'set' }),
    event('exited', { field: 'exitType', change: 'set' }),
    event('detained', { field: 'custodyStatus', change: 'changed', from: 'NON_DETAINED', to: 'DETAINED' }),
    event('releasedFromCustody', { field: 'custodyStatus', change: 'changed', from: 'DETAINED', to: 'NON_DETAINED' }),
    event('removedThisPeriod', { field: 'exitType', change: 'set', to: 'REMOVED', where: { field: 'exitOn', withinPeriod: true } }),
  ];
}

function main(): void {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: '1000000' }, seed: { type: 'string' }, out: { type: 'string' }, order: { type: 'string', default: 'same' } },
  });
  const size = Number(values.size);
  const order = values.order === 'differs' ? 'differs' : 'same';
  const dir = values.out ?? path.join(benchWorkDir(), order === 'same' ? `large-${size}` : `large-${size}-reordered`);
  const started = performance.now();
  const pair = generateLargePair({ dir, size, order, seed: values.seed === undefined ? undefined : Number(values.seed) });
  console.log(`wrote ${pair.priorFile} and ${pair.currentFile} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** bench/.work of the checkout, from the source or the compiled file. */
export function benchWorkDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const bench = here.includes(`${path.sep}.work${path.sep}`) ? here.slice(0, here.indexOf(`${path.sep}.work${path.sep}`)) : here;
  return path.join(bench, '.work');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();

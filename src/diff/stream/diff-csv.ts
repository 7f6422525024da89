/**
 * The period diff of two large CSV snapshots without loading either: the
 * prior snapshot is held as its raw bytes with an index of where each record
 * is, the current one is streamed, and only records whose bytes differ are
 * typed and diffed. The result, and any error, is the one diffSnapshots gives
 * on the two snapshots loaded with loadSnapshot.
 *
 * On two cores the prior snapshot is read twice at once: here for where its
 * records and keys are, on a worker thread for checking every value (and
 * building a key table when its keys are not in ascending order). The diff
 * does not wait for the worker to start: it finds records by key order, and
 * sets aside the few it cannot place until the key table comes.
 */
import { extname } from 'node:path';
import { debuglog } from 'node:util';
import type { EventSpec, SnapshotSource } from '../../config/types.js';
import { diffSnapshots } from '../diff.js';
import type { PeriodDiff } from '../types.js';
import { CellTyper, recordIsBlank } from './cells.js';
import { ChangeTally, compareKeys } from '../tally.js';
import { CsvRecordPair } from './csv-pair.js';
import { CsvRecordReader, UnsupportedCsv, type CsvReaderOptions } from './csv-reader.js';
import { displayPath } from '../../display-path.js';
import type { SnapshotFile } from './explain.js';
import { keyIndexOf, readHeader, sameLayout, type CsvHeader } from './header.js';
import { KeyTable } from './key-table.js';
import { PendingRecords } from './pending-records.js';
import { startPriorCheck, type RunningCheck } from './prior-check.js';
import { PriorIndex } from './prior-index.js';
import { RecordKey } from './record-key.js';

export interface CsvDiffInput {
  source: SnapshotSource;
  /** Path of the current period's CSV snapshot. */
  currentFile: string;
  /** Path of the prior period's CSV snapshot; null for the first period. */
  priorFile: string | null;
  period: string;
  /** Null exactly when priorFile is. */
  priorPeriod: string | null;
  events: readonly EventSpec[];
  /** The current period's first and last day, for event filters with withinPeriod. */
  periodStart: string;
  periodEnd: string;
  /** Folder that paths in messages are shown relative to. Default: the working directory. */
  displayBase?: string;
  /** Check the prior snapshot on a worker thread while diffing (in this thread when running from TypeScript). Default: true. */
  parallel?: boolean;
}

/** NODE_DEBUG=diff-stream logs when each phase ends. */
const debug = debuglog('court-report-diff');

/** Signals that a snapshot has a problem, to be explained by throwSnapshotProblems. */
class ProblemFound extends Error {}

export async function diffCsvFiles(input: CsvDiffInput): Promise<PeriodDiff> {
  if ((input.priorFile === null) !== (input.priorPeriod === null)) throw new Error('priorFile and priorPeriod must both be given or both be null');
  // Other formats have their own readers in the loader.
  if (![input.currentFile, input.priorFile].every((file) => file === null || extname(file).toLowerCase() === '.csv')) return diffInMemory(input);
  try {
    return await diffStreaming(input);
  } catch (error) {
    if (error instanceof UnsupportedCsv) {
      debug('reading the snapshots with the loader: %s', error.message);
      return diffInMemory(input);
    }
    if (!(error instanceof ProblemFound)) throw error;
  }
  // The loader and its file formats are loaded only when needed.
  const { throwSnapshotProblems } = await import('./explain.js');
  await throwSnapshotProblems(snapshotFiles(input));
  throw new Error('the large-snapshot diff saw a problem that the snapshot loader does not');
}

interface PriorSnapshot {
  index: PriorIndex;
  header: CsvHeader;
  typer: CellTyper;
  /** Resolves once every value is checked and the key table, if one is needed, is there. */
  checked: () => Promise<void>;
}

async function diffStreaming(input: CsvDiffInput): Promise<PeriodDiff> {
  const { priorFile, source } = input;
  let priorCheck: RunningCheck | null = null;
  try {
    if (priorFile !== null && (input.parallel ?? true)) priorCheck = startPriorCheck(priorFile, source);
    const started = performance.now();
    const phase = (name: string) => debug('%s after %d ms', name, Math.round(performance.now() - started));
    const prior = priorFile === null ? null : indexPrior(priorFile, source, priorCheck);
    phase('prior snapshot indexed');
    const diff = await diffCurrent(input, prior);
    phase('current snapshot diffed');
    if (prior) await prior.checked();
    phase('prior snapshot checked');
    return diff;
  } finally {
    await priorCheck?.stop();
  }
}

/** Reads where the prior snapshot's records are; unless a check runs beside, also checks it and builds the key table. */
function indexPrior(file: string, source: SnapshotSource, priorCheck: RunningCheck | null): PriorSnapshot {
  const reader = open(file, { retain: true });
  try {
    const header = readHeader(reader, source) ?? problem();
    const typer = new CellTyper(source.fields, header.columnOf);
    const key = new RecordKey(typer, keyIndexOf(source));
    const index = new PriorIndex(reader.chunks);
    const columns = header.columns.length;
    while (reader.next()) {
      if (!key.read(reader)) {
        if (recordIsBlank(reader)) continue;
        problem();
      }
      if (priorCheck === null && (reader.cellCount !== columns || !typer.recordIsValid(reader))) problem();
      index.add(key, reader);
    }
    if (!reader.utf8 || index.rows === 0 || !index.seal(priorCheck === null)) problem();
    const fromWorker = priorCheck?.result.then((check) => {
      if (!check.valid) problem();
      if (check.slots) index.table = new KeyTable(check.slots);
      else if (!index.keys.ascending) throw new Error('the prior snapshot check found keys in order where the index did not');
    });
    // Awaited only if the diff gets that far.
    fromWorker?.catch(() => {});
    return { index, header, typer, checked: () => fromWorker ?? Promise.resolve() };
  } finally {
    reader.close();
  }
}

async function diffCurrent(input: CsvDiffInput, prior: PriorSnapshot | null): Promise<PeriodDiff> {
  const { source } = input;
  const keyIndex = keyIndexOf(source);
  const reader = open(input.currentFile, {});
  try {
    const header = readHeader(reader, source) ?? problem();
    const typer = new CellTyper(source.fields, header.columnOf);
    const key = new RecordKey(typer, keyIndex);
    const columns = header.columns.length;
    const bytesTell = prior !== null && sameLayout(prior.header, header);
    const priorRecord = CsvRecordReader.ofBytes();
    const tally = new ChangeTally({ ...input, fields: source.fields });
    const pair = prior && new CsvRecordPair(prior.typer, typer, bytesTell, problem);
    const added = new Set<string>();
    let identical = 0;

    /** Diffs the reader's current record, whose key has been read, against prior row `row` (-1: none). */
    const diffRecord = (record: CsvRecordReader, row: number) => {
      if (row === -1) {
        if (record.cellCount !== columns || added.size === added.add(key.toString()).size || !typer.recordIsValid(record)) problem();
        return;
      }
      const index = prior!.index;
      if (index.seen[row] === 1) problem();
      index.seen[row] = 1;
      // Equal bytes in the same columns: equal values, valid if the prior record is.
      if (bytesTell && index.sameBytes(row, record)) {
        identical++;
        return;
      }
      if (record.cellCount !== columns || !typer.recordIsValid(record)) problem();
      priorRecord.readRecordAt(index.chunk(row), index.start(row), index.end(row));
      tally.add(() => key.toString(), pair!.reset(priorRecord, record));
    };

    const pending = new PendingRecords();
    while (reader.next()) {
      if (!key.read(reader)) {
        if (recordIsBlank(reader)) continue;
        problem();
      }
      const row = prior ? prior.index.find(key) : -1;
      if (row !== undefined) diffRecord(reader, row);
      else if (pending.add(reader)) await prior!.checked();
    }
    if (!reader.utf8) problem();
    if (pending.size > 0) {
      await prior!.checked();
      for (const record of pending.records()) {
        if (!key.read(record)) problem();
        diffRecord(record, prior!.index.find(key)!);
      }
    }
    if (identical + added.size + tally.size === 0) problem();

    const removed = prior ? prior.index.unseenKeys() : [];
    const totals = tally.finish();
    return {
      period: input.period,
      priorPeriod: prior ? input.priorPeriod : null,
      counts: { added: added.size, removed: removed.length, changed: totals.changed.length, unchanged: identical + tally.unchanged },
      added: [...added].sort(compareKeys),
      removed: removed.sort(compareKeys),
      changed: totals.changed,
      fields: totals.fields,
      events: totals.events,
    };
  } finally {
    reader.close();
  }
}

/** The reference path, for CSV the streaming reader leaves to the loader. */
async function diffInMemory(input: CsvDiffInput): Promise<PeriodDiff> {
  const { loadSnapshot } = await import('../../snapshots/load.js');
  const [current, prior] = snapshotFiles(input).map(
    ({ source, file, period, displayBase }) =>
      () =>
        loadSnapshot({ ...source, pathPattern: file }, period, { displayBase }),
  );
  const currentSnapshot = await current!();
  const priorSnapshot = prior ? await prior() : null;
  return diffSnapshots({
    current: currentSnapshot,
    prior: priorSnapshot,
    events: input.events,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
  });
}

/** The files, current first: the order the in-memory path loads them, so the order its errors come in. */
function snapshotFiles(input: CsvDiffInput): SnapshotFile[] {
  const displayBase = input.displayBase ?? process.cwd();
  const file = (path: string, period: string): SnapshotFile => ({
    source: input.source,
    file: path,
    shownAs: displayPath(path, displayBase),
    period,
    displayBase,
  });
  const files = [file(input.currentFile, input.period)];
  if (input.priorFile !== null) files.push(file(input.priorFile, input.priorPeriod!));
  return files;
}

function open(file: string, options: CsvReaderOptions): CsvRecordReader {
  try {
    return CsvRecordReader.open(file, options);
  } catch {
    // Missing or unreadable: the loader words it.
    return problem();
  }
}

function problem(): never {
  throw new ProblemFound();
}

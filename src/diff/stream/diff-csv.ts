/**
 * The period diff of two large CSV snapshots without loading either: the
 * prior snapshot is held as its raw bytes with an index of where each record
 * is, the current one is streamed, and only records whose bytes differ are
 * typed and diffed. The result, and any error, is the one diffSnapshots gives
 * on the two snapshots loaded with loadSnapshot.
 *
 * On two cores the prior snapshot is read twice at once: here for where its
 * records are, on a worker for checking every value and building the key
 * table. The diff starts before the table is there, finding most records by
 * their order, and sets aside the few it cannot place until the table comes.
 */
import type { EventSpec, SnapshotSource } from '../../config/types.js';
import { loadSnapshot } from '../../snapshots/load.js';
import { diffSnapshots } from '../diff.js';
import type { PeriodDiff } from '../types.js';
import { CellTyper, recordIsBlank } from './cells.js';
import { ChangedRecords, compareKeys } from './changed-records.js';
import { CsvRecordReader, UnsupportedCsv, type CsvReaderOptions } from './csv-reader.js';
import { displayPath } from './display-path.js';
import { throwSnapshotProblems, type SnapshotFile } from './explain.js';
import { keyIndexOf, readHeader, sameLayout, type CsvHeader } from './header.js';
import { KeyTable } from './key-table.js';
import { PendingRecords } from './pending-records.js';
import { canCheckInWorker, startPriorCheck, type PriorCheck, type RunningCheck } from './prior-check.js';
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
  /** Check the prior snapshot on a worker thread while diffing. Default: true when running compiled. */
  parallel?: boolean;
}

/** Signals that a snapshot has a problem, to be explained by throwSnapshotProblems. */
class ProblemFound extends Error {}

export async function diffCsvFiles(input: CsvDiffInput): Promise<PeriodDiff> {
  if ((input.priorFile === null) !== (input.priorPeriod === null)) throw new Error('priorFile and priorPeriod must both be given or both be null');
  try {
    return await diffStreaming(input);
  } catch (error) {
    if (error instanceof UnsupportedCsv) return diffInMemory(input);
    if (!(error instanceof ProblemFound)) throw error;
  }
  await throwSnapshotProblems(snapshotFiles(input));
  throw new Error('the large-snapshot diff saw a problem that the snapshot loader does not');
}

interface PriorSnapshot {
  index: PriorIndex;
  header: CsvHeader;
  typer: CellTyper;
  /** The key table and the check of every value, when not done while indexing. */
  checked: () => Promise<KeyTable>;
}

async function diffStreaming(input: CsvDiffInput): Promise<PeriodDiff> {
  const { priorFile, source } = input;
  let worker: RunningCheck | null = null;
  try {
    if (priorFile !== null && (input.parallel ?? canCheckInWorker)) worker = startPriorCheck(priorFile, source);
    const prior = priorFile === null ? null : indexPrior(priorFile, source, worker);
    const diff = await diffCurrent(input, prior);
    if (prior) await prior.checked();
    return diff;
  } finally {
    await worker?.stop();
  }
}

/** Reads where the prior snapshot's records are; without a worker, also checks it and builds the key table. */
function indexPrior(file: string, source: SnapshotSource, worker: RunningCheck | null): PriorSnapshot {
  const reader = open(file, { retain: true });
  try {
    const header = readHeader(reader, source) ?? problem();
    const typer = new CellTyper(source.fields, header.columnOf);
    const key = new RecordKey(typer, keyIndexOf(source));
    const index = new PriorIndex(reader.chunks, worker === null);
    const columns = header.columns.length;
    while (reader.next()) {
      if (!key.read(reader)) {
        if (recordIsBlank(reader)) continue;
        problem();
      }
      if (worker === null && (reader.cellCount !== columns || !typer.recordIsValid(reader))) problem();
      if (!index.add(key, reader)) problem();
    }
    if (!reader.utf8 || index.rows === 0) problem();
    index.seal();
    const fromWorker = worker && worker.result.then(tableOf);
    // Awaited only if the diff gets that far.
    fromWorker?.catch(() => {});
    const checked = fromWorker ? () => fromWorker.then((table) => (index.table = table)) : async () => index.table!;
    return { index, header, typer, checked };
  } finally {
    reader.close();
  }
}

function tableOf(check: PriorCheck): KeyTable {
  return check.valid && check.slots ? new KeyTable(check.slots) : problem();
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
    const changed = new ChangedRecords({ ...input, fields: source.fields, keyIndex });
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
      if (record.cellCount !== columns) problem();
      const after = typer.values(record) ?? problem();
      priorRecord.readRecordAt(index.chunk(row), index.start(row), index.end(row));
      const before = prior!.typer.values(priorRecord) ?? problem();
      changed.add(key.toString(), before, after);
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
    if (identical + added.size + changed.size === 0) problem();

    const removed = prior ? prior.index.unseenKeys() : [];
    const totals = changed.finish();
    return {
      period: input.period,
      priorPeriod: prior ? input.priorPeriod : null,
      counts: { added: added.size, removed: removed.length, changed: totals.changed.length, unchanged: identical + totals.unchanged },
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

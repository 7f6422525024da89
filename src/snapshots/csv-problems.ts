/**
 * Finds the problems of a CSV snapshot too large for the full loader, which
 * holds the file as one string (V8 allows ~512 MB) and every cell as a
 * string: a streaming pass finds the ragged records and repeated keys, a
 * second pass collects only the records with a problem, and the loader's own
 * code words them (toSnapshot), so the messages are the ones a small file gets.
 */
import type { SnapshotSource } from '../config/types.js';
import { CellTyper, recordIsBlank } from '../diff/stream/cells.js';
import { CsvRecordReader, UnsupportedCsv } from '../diff/stream/csv-reader.js';
import { keyIndexOf, readHeader, type CsvHeader } from '../diff/stream/header.js';
import { RecordKey } from '../diff/stream/record-key.js';
import { KeyIndex } from './key-index.js';
import { CappedProblemList } from './problems.js';
import { toSnapshot, type RawTable } from './tabular.js';

export interface SnapshotFile {
  source: SnapshotSource;
  /** Absolute path. */
  file: string;
  /** As shown in messages. */
  shownAs: string;
  period: string;
  displayBase: string;
}

/**
 * Throws the loader's UserError for the records with a problem. Returns
 * false when the file's problem is not in its records (its header, its
 * encoding, CSV the streaming reader does not read) and true when it found none.
 */
export function throwRecordProblems(snapshot: SnapshotFile): boolean {
  let duplicated: Set<string>;
  try {
    const found = withReader(snapshot, (reader, header, typer) => raggedAndDuplicates(snapshot, reader, header, typer));
    if (found === null) return false;
    duplicated = found;
  } catch (error) {
    if (error instanceof UnsupportedCsv) return false;
    throw error;
  }
  const table = withReader(snapshot, (reader, header, typer) => recordsWithProblems(snapshot, reader, header, typer, duplicated));
  if (table) toSnapshot(table, snapshot.source, snapshot.period, snapshot.file, new CappedProblemList());
  return true;
}

/**
 * First pass: throws the ragged records as the CSV reader reports them, and
 * returns the keys that appear more than once. Null when the loader must say
 * what is wrong.
 */
function raggedAndDuplicates(snapshot: SnapshotFile, reader: CsvRecordReader, header: CsvHeader, typer: CellTyper): Set<string> | null {
  const ragged = new CappedProblemList();
  // Bytes, not a Set of strings: the file may hold millions of keys.
  const seen = new KeyIndex();
  const duplicated = new Set<string>();
  const key = new RecordKey(typer, keyIndexOf(snapshot.source));
  let records = 0;
  while (reader.next()) {
    if (recordIsBlank(reader)) continue;
    if (reader.cellCount !== header.columns.length) {
      ragged.add({
        location: { file: snapshot.shownAs, line: reader.line },
        message: `has ${reader.cellCount} values but the header has ${header.columns.length} columns`,
        hint: 'a value with a comma must be in double quotes ("Smith, John")',
      });
      continue;
    }
    records++;
    if (!key.read(reader)) continue;
    if (seen.insert(key.bytes, key.start, key.end, key.hash) < 0) duplicated.add(key.toString());
  }
  if (!reader.utf8 || records === 0) return null;
  ragged.throwIfAny();
  return duplicated;
}

/** Second pass: the records with a problem, and the first record of each duplicated key, as the loader's table. */
function recordsWithProblems(
  snapshot: SnapshotFile,
  reader: CsvRecordReader,
  header: CsvHeader,
  typer: CellTyper,
  duplicated: Set<string>,
): RawTable | null {
  const key = new RecordKey(typer, keyIndexOf(snapshot.source));
  const rows: string[][] = [];
  const lines: number[] = [];
  while (reader.next()) {
    if (reader.cellCount !== header.columns.length || recordIsBlank(reader)) continue;
    if (!key.read(reader) || duplicated.has(key.toString()) || !typer.recordIsValid(reader)) {
      rows.push(reader.cellTexts());
      lines.push(reader.line);
    }
  }
  if (rows.length === 0) return null;
  return {
    file: snapshot.shownAs,
    columns: header.columns,
    headerLine: header.line,
    lineNoun: 'line',
    rows,
    locate: (rowIndex) => ({ line: lines[rowIndex]! }),
    columnLabel: (columnIndex) => header.columns[columnIndex]!,
  };
}

/** Runs `pass` over the file's records; null when the file or its header is for the loader to explain. */
function withReader<T>(
  snapshot: SnapshotFile,
  pass: (reader: CsvRecordReader, header: CsvHeader, typer: CellTyper) => T | null,
): T | null {
  let reader: CsvRecordReader;
  try {
    reader = CsvRecordReader.open(snapshot.file, { countLines: true });
  } catch {
    return null;
  }
  try {
    const header = readHeader(reader, snapshot.source);
    return header && pass(reader, header, new CellTyper(snapshot.source.fields, header.columnOf));
  } finally {
    reader.close();
  }
}

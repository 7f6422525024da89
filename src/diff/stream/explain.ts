/**
 * When the large-snapshot diff meets a problem it only knows that one is
 * there. This finds the problems again, current snapshot first like the
 * in-memory path, and throws the UserError the snapshot loader would: ragged
 * records, invalid values, empty and duplicate keys from a streaming pass;
 * anything about the file as a whole (missing, empty, not UTF-8, a bad
 * header) from the loader itself.
 */
import type { SnapshotSource } from '../../config/types.js';
import { loadSnapshot } from '../../snapshots/load.js';
import { CappedProblemList } from '../../snapshots/problems.js';
import { toSnapshot, type RawTable } from '../../snapshots/tabular.js';
import { CellTyper, recordIsBlank } from './cells.js';
import { CsvRecordReader, UnsupportedCsv } from './csv-reader.js';
import { keyIndexOf, readHeader, type CsvHeader } from './header.js';
import { RecordKey } from './record-key.js';

export interface SnapshotFile {
  source: SnapshotSource;
  /** Absolute path. */
  file: string;
  /** As shown in messages. */
  shownAs: string;
  period: string;
  displayBase: string;
}

/** Throws the loader's UserError for the first of the files that has a problem; returns if none has. */
export async function throwSnapshotProblems(files: readonly SnapshotFile[]): Promise<void> {
  for (const file of files) await throwFileProblems(file);
}

async function throwFileProblems(snapshot: SnapshotFile): Promise<void> {
  const loaderSays = async () => {
    await loadSnapshot({ ...snapshot.source, pathPattern: snapshot.file }, snapshot.period, { displayBase: snapshot.displayBase });
  };
  let duplicated: Set<string>;
  try {
    const found = withReader(snapshot, (reader, header, typer) => raggedAndDuplicates(snapshot, reader, header, typer));
    if (found === null) return loaderSays();
    duplicated = found;
  } catch (error) {
    if (error instanceof UnsupportedCsv) return loaderSays();
    throw error;
  }
  const table = withReader(snapshot, (reader, header, typer) => recordsWithProblems(snapshot, reader, header, typer, duplicated));
  if (table) toSnapshot(table, snapshot.source, snapshot.period, snapshot.file, new CappedProblemList());
}

/**
 * First pass: throws the ragged records as the CSV reader reports them, and
 * returns the keys that appear more than once. Null when the loader must say
 * what is wrong.
 */
function raggedAndDuplicates(snapshot: SnapshotFile, reader: CsvRecordReader, header: CsvHeader, typer: CellTyper): Set<string> | null {
  const ragged = new CappedProblemList();
  const seen = new Set<string>();
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
    const text = key.toString();
    if (seen.has(text)) duplicated.add(text);
    else seen.add(text);
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

/**
 * The streaming CSV loader: reads the file in large chunks with the
 * byte-level record reader and types each cell straight into the snapshot's
 * columns, without a string per row or an array per record. ISO dates become
 * day numbers on the bytes; repeated text is looked up in its dictionary.
 *
 * It only loads files it reads exactly as the full loader (csv.ts with
 * tabular.ts) would. At the first thing it cannot vouch for (a problem in a
 * value, a ragged or duplicate record, CSV it does not handle, bytes that are
 * not UTF-8) it gives up and returns null: the full loader then reads the
 * file and words every problem with its line and column, as before.
 */
import type { SnapshotSource } from '../config/types.js';
import { CellTyper, recordIsBlank } from '../diff/stream/cells.js';
import { CsvRecordReader, UnsupportedCsv } from '../diff/stream/csv-reader.js';
import { keyIndexOf, readHeader } from '../diff/stream/header.js';
import { RecordKey } from '../diff/stream/record-key.js';
import { SnapshotBuilder } from './columnar.js';
import { cellSetter } from './csv-cells.js';
import type { Snapshot } from './types.js';

/** The snapshot in `file`, or null when the full loader must read it (and say what is wrong). */
export function loadCsvColumnar(file: string, source: SnapshotSource, period: string): Snapshot | null {
  let reader: CsvRecordReader;
  try {
    reader = CsvRecordReader.open(file);
  } catch {
    return null;
  }
  try {
    return readRecords(reader, file, source, period);
  } catch (error) {
    if (error instanceof UnsupportedCsv) return null;
    throw error;
  } finally {
    reader.close();
  }
}

function readRecords(reader: CsvRecordReader, file: string, source: SnapshotSource, period: string): Snapshot | null {
  const header = readHeader(reader, source);
  if (!header) return null;
  const fields = source.fields;
  const keyIndex = keyIndexOf(source);
  const typer = new CellTyper(fields, header.columnOf);
  const builder = new SnapshotBuilder({ period, file, fields, keyIndex });
  const columns = header.columns.length;
  const key = new RecordKey(typer, keyIndex);
  const keyIsText = fields[keyIndex]!.type === 'string' || fields[keyIndex]!.type === 'enum';
  const setters = fields.flatMap((_, i) => (i === keyIndex ? [] : [cellSetter(typer, i, builder)]));

  while (reader.next()) {
    reader.tokenize();
    if (reader.cellCount !== columns || mayBeBlank(reader)) {
      if (recordIsBlank(reader)) continue;
      if (reader.cellCount !== columns) return null;
    }
    if (!key.read(reader)) return null;
    for (let i = 0; i < setters.length; i++) if (!setters[i]!(reader)) return null;
    if (!keyIsText) builder.set(keyIndex, typer.value(reader, keyIndex) ?? null);
    // A repeated key: the loader names both lines.
    if (!builder.commitKeyBytes(key.bytes, key.start, key.end, key.hash)) return null;
  }
  if (!reader.utf8 || builder.size === 0) return null;
  return builder.finish();
}

/** A record whose first cell starts with a visible ASCII character is not blank. */
function mayBeBlank(reader: CsvRecordReader): boolean {
  return reader.cellStart[0] === reader.cellEnd[0] || reader.buffer[reader.cellStart[0]!]! <= 0x20;
}

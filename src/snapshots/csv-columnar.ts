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
import { statSync } from 'node:fs';
import type { SnapshotSource } from '../config/types.js';
import { CellTyper, recordIsBlank } from '../diff/stream/cells.js';
import { CsvRecordReader, ESCAPED, UnsupportedCsv } from '../diff/stream/csv-reader.js';
import { keyIndexOf, readHeader } from '../diff/stream/header.js';
import { plainTextHash, RecordKey } from '../diff/stream/record-key.js';
import { SnapshotBuilder } from './columnar.js';
import { cellSetter, isVisibleAscii, TextCodes } from './csv-cells.js';
import { ISO_DATE_FORMAT } from './dates.js';
import { isoDayAt, NO_DAY, prepareDayTable } from './days.js';
import type { FieldSpec, Snapshot } from './types.js';

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

/** Files from this size on read their ISO dates from the table of day numbers (made once, a few ms). */
const DAY_TABLE_MIN_BYTES = 1 << 20;

/** Records read before the snapshot's size is foreseen from the file's. */
const SAMPLE = 1000;

/** How the fast path reads a field's cell. */
const enum Plan {
  /** Through the field's CellSetter (coercion), always right, slower. */
  Setter,
  /** An ISO date read off its ten bytes. */
  IsoDate,
  /** A text found by its bytes among those seen before. */
  Text,
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
  // As RecordKey reads a string key: its cell's bytes when they need no trimming, unquoting or decoding.
  const keyIsPlainText = fields[keyIndex]!.type === 'string';
  const keyColumn = header.columnOf[keyIndex]!;
  // Every field but the key, with its column, its setter and how the common cell is read without it.
  const typed = fields.flatMap((_, i) => (i === keyIndex ? [] : [i]));
  const columnOf = Int32Array.from(typed, (i) => header.columnOf[i]!);
  const plans = typed.map((i) => planOf(fields[i]!));
  const optional = typed.map((i) => !fields[i]!.required);
  const seen = typed.map(() => new TextCodes());
  const setters = typed.map((i, f) => cellSetter(typer, i, builder, seen[f]));
  const { cellStart, cellEnd, cellFlags } = reader;
  // Written directly, a cell each: the arrays are fetched again whenever the builder grows its columns.
  let cells = typed.map((i) => builder.int32Cells(i));
  let room = builder.room;

  const fileBytes = statSync(file).size;
  if (fileBytes >= DAY_TABLE_MIN_BYTES) prepareDayTable();
  let sampledBytes = 0;
  let sampledKeyBytes = 0;
  while (reader.next()) {
    reader.tokenize();
    if (reader.cellCount !== columns || mayBeBlank(reader)) {
      if (recordIsBlank(reader)) continue;
      if (reader.cellCount !== columns) return null;
    }
    // A text key that is its own bytes is hashed here, in the loop: through RecordKey it cost a tenth of the load.
    const bytes = reader.buffer;
    let keyBytes = bytes;
    let keyStart = cellStart[keyColumn]!;
    let keyEnd = cellEnd[keyColumn]!;
    let keyHash = keyIsPlainText && cellFlags[keyColumn] === 0 ? plainTextHash(bytes, keyStart, keyEnd) : -1;
    if (keyHash === -1) {
      if (!key.read(reader)) return null;
      keyBytes = key.bytes;
      keyStart = key.start;
      keyEnd = key.end;
      keyHash = key.hash;
    }
    const row = builder.size;
    for (let f = 0; f < plans.length; f++) {
      const n = columnOf[f]!;
      const start = cellStart[n]!;
      const end = cellEnd[n]!;
      // An empty cell of an optional field is empty in the column already.
      if (start === end && optional[f]) continue;
      switch (plans[f]) {
        case Plan.IsoDate:
          if (end - start === 10 && cellFlags[n] === 0) {
            const day = isoDayAt(bytes, start);
            if (day !== NO_DAY) {
              cells[f]![row] = day;
              continue;
            }
          }
          break;
        case Plan.Text:
          if (end > start && !(cellFlags[n]! & ESCAPED) && isVisibleAscii(bytes[start]!) && isVisibleAscii(bytes[end - 1]!)) {
            const code = seen[f]!.find(bytes, start, end);
            if (code >= 0) {
              cells[f]![row] = code;
              continue;
            }
          }
          break;
      }
      if (!setters[f]!(reader)) return null;
    }
    if (!keyIsText) builder.set(keyIndex, typer.value(reader, keyIndex) ?? null);
    builder.commitKeyBytesUnchecked(keyBytes, keyStart, keyEnd, keyHash);
    // After a sample of records, room for as many as the file's size suggests (a tenth more, to spare a doubling).
    if (builder.size <= SAMPLE) {
      sampledBytes += reader.recordEnd - reader.recordStart + 1;
      sampledKeyBytes += keyEnd - keyStart;
      if (builder.size === SAMPLE) {
        const rows = Math.ceil((fileBytes / sampledBytes) * SAMPLE * 1.1);
        builder.reserve(rows, Math.ceil((rows * sampledKeyBytes) / SAMPLE));
      }
    }
    if (builder.room !== room) {
      cells = typed.map((i) => builder.int32Cells(i));
      room = builder.room;
    }
  }
  if (!reader.utf8 || builder.size === 0) return null;
  // Null for a repeated key: the loader names both lines.
  return builder.finishUnlessRepeated();
}

function planOf(field: FieldSpec): Plan {
  if (field.type === 'date' && field.formats.includes(ISO_DATE_FORMAT)) return Plan.IsoDate;
  if (field.type === 'string' || field.type === 'enum') return Plan.Text;
  return Plan.Setter;
}

/** A record whose first cell starts with a visible ASCII character is not blank. */
function mayBeBlank(reader: CsvRecordReader): boolean {
  return reader.cellStart[0] === reader.cellEnd[0] || reader.buffer[reader.cellStart[0]!]! <= 0x20;
}

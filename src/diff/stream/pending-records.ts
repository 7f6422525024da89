/**
 * Current records set aside until the prior snapshot's key table is there:
 * copies of their bytes, read again later.
 */
import { CsvRecordReader } from './csv-reader.js';

/** Past this, the diff waits for the key table rather than copying more. */
const MAX_BYTES = 32 << 20;

export class PendingRecords {
  size = 0;
  private bytes = Buffer.alloc(1 << 16);
  private used = 0;
  private ends: number[] = [];

  /** Copies the reader's current record; true when the store is full. */
  add(reader: CsvRecordReader): boolean {
    const length = reader.recordEnd - reader.recordStart;
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    reader.buffer.copy(this.bytes, this.used, reader.recordStart, reader.recordEnd);
    this.used += length;
    this.ends.push(this.used);
    this.size++;
    return this.used >= MAX_BYTES;
  }

  /** Each record in turn, as the current record of one reader. */
  *records(): Generator<CsvRecordReader> {
    const reader = CsvRecordReader.ofBytes();
    let start = 0;
    for (const end of this.ends) {
      reader.readRecordAt(this.bytes, start, end);
      yield reader;
      start = end;
    }
  }
}

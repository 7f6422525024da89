/**
 * A record's key as bytes: the key cell itself when its text is its bytes
 * (plain ASCII, nothing to trim or unquote, a text field), else the UTF-8 of
 * the key as the loader makes it (String of the coerced value). Hashing and
 * comparing bytes spares a JavaScript string and Map entry per record, which
 * would cost more than reading the record.
 */
import { coerceValue } from '../../snapshots/coerce.js';
import type { CellTyper } from './cells.js';
import { ESCAPED, type CsvRecordReader } from './csv-reader.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class RecordKey {
  bytes: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;
  hash = 0;
  private text: string | null = null;
  private scratch = Buffer.alloc(256);

  constructor(
    private readonly typer: CellTyper,
    private readonly keyIndex: number,
  ) {}

  /** Reads the current record's key; false when the key cell is not valid or is empty. */
  read(reader: CsvRecordReader): boolean {
    const n = this.typer.columnOf[this.keyIndex]!;
    if (!reader.locateCell(n)) return false;
    const start = reader.cellStart[n]!;
    const end = reader.cellEnd[n]!;
    const field = this.typer.fields[this.keyIndex]!;
    if (field.type === 'string' && !(reader.cellFlags[n]! & ESCAPED)) {
      const hash = plainTextHash(reader.buffer, start, end);
      if (hash !== -1) {
        this.bytes = reader.buffer;
        this.start = start;
        this.end = end;
        this.hash = hash;
        this.text = null;
        return true;
      }
    }
    const coerced = coerceValue(reader.cellText(n), field);
    if (!('value' in coerced) || coerced.value === null) return false;
    const text = String(coerced.value);
    const length = Buffer.byteLength(text);
    if (length > this.scratch.length) this.scratch = Buffer.alloc(length * 2);
    this.scratch.write(text, 0);
    this.bytes = this.scratch;
    this.start = 0;
    this.end = length;
    this.hash = hashOf(this.scratch, 0, length);
    this.text = text;
    return true;
  }

  /** The key as text, as the loader keys records. */
  toString(): string {
    return this.text ?? this.bytes.toString('latin1', this.start, this.end);
  }
}

/** FNV-1a of the bytes as a non-negative 31-bit number. */
export function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  return hash >>> 1;
}

/** The hash when the bytes are text that needs no trimming or decoding (visible ASCII at both ends, ASCII between); else -1. */
export function plainTextHash(bytes: Uint8Array, start: number, end: number): number {
  if (start === end) return -1;
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte < 0x20 || byte >= 0x7f) return -1;
    hash = Math.imul(hash ^ byte, FNV_PRIME);
  }
  if (bytes[start] === 0x20 || bytes[end - 1] === 0x20) return -1;
  return hash >>> 1;
}

/**
 * A byte-level CSV record reader for large snapshots: reads the file in big
 * chunks and finds each record's cells as byte offsets, without building
 * strings or per-row objects. It reads what the snapshot loader (csv-records.ts
 * with bom, skip_empty_lines, CRLF/LF/CR) reads; anything it does not handle
 * the same way (a stray or unclosed quote) raises UnsupportedCsv so that the
 * caller can use the loader instead.
 *
 * Most records have no quote and end at the next LF, which Buffer#indexOf
 * finds natively many times faster than a JavaScript loop; such a record is
 * split into cells only when asked (tokenize, locateCell), at the commas a
 * WebAssembly scan found in a window of the chunk (delimiters.ts). Records
 * with quotes or a lone CR are read byte by byte.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { DelimiterWindow } from './delimiters.js';

/** The file uses CSV the fast reader leaves to the snapshot loader. */
export class UnsupportedCsv extends Error {
  override readonly name = 'UnsupportedCsv';
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Cell flags. */
export const QUOTED = 1;
/** The quoted cell holds doubled quotes ("") to undo. */
export const ESCAPED = 2;

const DEFAULT_CHUNK_BYTES = 16 << 20;
/** Files smaller than this are split byte by byte, without a delimiter window. */
const WINDOW_MIN_FILE_BYTES = 4 << 20;
/** scanByWindow leaves the record to the byte-level paths. */
const NOT_IN_WINDOW = 2;

export interface CsvReaderOptions {
  /** Keep every chunk read, so that any record read so far can be found again by chunk and offset. */
  retain?: boolean;
  /** Count lines, for messages that name where a record is. */
  countLines?: boolean;
  chunkBytes?: number;
  /** Files from this size on are split with the delimiter window (default 4 MB; tests set 0). */
  windowMinBytes?: number;
}

export class CsvRecordReader {
  /** The chunk holding the current record. */
  buffer: Buffer = Buffer.alloc(0);
  /** Index of `buffer` in `chunks` (with `retain`). */
  chunkIndex = -1;
  readonly chunks: Buffer[] = [];
  /** The current record's cells, once tokenized: content offsets in `buffer` (inside any quotes) and flags. */
  private cells = 0;
  cellStart = new Int32Array(32);
  cellEnd = new Int32Array(32);
  cellFlags = new Uint8Array(32);
  /** The current record's bytes, without its line break. */
  recordStart = 0;
  recordEnd = 0;
  /** 1-based line of the current record (with `countLines`). */
  line = 0;
  /** False once a byte sequence that is not UTF-8 has been seen. */
  utf8 = true;

  /** The current record as latin1 text from `textBase`: one character per byte, so offsets carry over. */
  private text = '';
  private textBase = 0;
  private textRecord = -1;
  private records = 0;
  private fd = -1;
  /** Bytes of the file still to read: its size when opened, so a file that grows meanwhile cannot keep the read going. */
  private unread = 0;
  private tokenized = false;
  /** Bumped whenever the chunk's bytes move or change, so that a delimiter window of them is not trusted after. */
  private generation = 0;
  /** Made on the first tokenize; null without WebAssembly SIMD. */
  private window: DelimiterWindow | null | undefined;
  /** Where the next quote and CR are at or after `pos` (the limit when none), -1 when not known. */
  private nextQuote = -1;
  private nextCr = -1;
  private pos = 0;
  private limit = 0;
  private eof = false;
  private checkedTo = 0;
  private linesBefore = 0;
  private countedTo = 0;
  private readonly retain: boolean;
  private readonly countLines: boolean;
  private readonly chunkBytes: number;

  private constructor(options: CsvReaderOptions) {
    this.retain = options.retain ?? false;
    this.countLines = options.countLines ?? false;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  }

  /** Opens a file; the caller closes it. */
  static open(file: string, options: CsvReaderOptions = {}): CsvRecordReader {
    // A FIFO would block the open and a device never end: the loader refuses them, with a message.
    if (!statSync(file).isFile()) throw new UnsupportedCsv('not a regular file');
    const reader = new CsvRecordReader(options);
    reader.fd = openSync(file, 'r');
    // The loader compares the size after loading and refuses a file that changed (still being written).
    reader.unread = fstatSync(reader.fd).size;
    // A small file is read before V8 compiles the readers' loops: there the window costs more than it saves.
    if (reader.unread < (options.windowMinBytes ?? WINDOW_MIN_FILE_BYTES)) reader.window = null;
    // Room for a BOM in the first chunk, however small chunks are.
    reader.startChunk(Buffer.allocUnsafe(Math.max(reader.chunkBytes, 3)), 0);
    reader.fill();
    const b = reader.buffer;
    // UTF-16 (a BOM, or the zero bytes of ASCII in it) is named as such by the loader.
    if (reader.limit >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || b[0] === 0 || b[1] === 0)) {
      reader.close();
      throw new UnsupportedCsv('UTF-16');
    }
    if (reader.limit >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) reader.pos = reader.countedTo = reader.checkedTo = 3;
    return reader;
  }

  /** A reader over one record's bytes already in memory, e.g. a retained chunk. */
  static ofBytes(): CsvRecordReader {
    return new CsvRecordReader({});
  }

  /** Points an in-memory reader at `bytes[start, end)` and reads its one record. */
  readRecordAt(bytes: Buffer, start: number, end: number): void {
    this.generation++;
    this.buffer = bytes;
    this.records++;
    this.limit = end;
    this.eof = true;
    if (this.scanCells(start) !== 1) throw new Error('a retained record could not be read again');
  }

  close(): void {
    if (this.fd !== -1) closeSync(this.fd);
    this.fd = -1;
  }

  /** Moves to the next non-empty record; false at the end of the file. */
  next(): boolean {
    for (;;) {
      const found = this.scan();
      if (found === 1) {
        this.records++;
        if (this.countLines) {
          this.countLinesTo(this.recordStart);
          this.line = this.linesBefore + 1;
        }
        return true;
      }
      if (found === -1) {
        this.checkUtf8(this.limit);
        return false;
      }
      this.refill();
    }
  }

  /** Splits the current record into cells (cellCount, cellStart, cellEnd, cellFlags). */
  tokenize(): void {
    if (this.tokenized) return;
    this.tokenizeByBytes();
    this.tokenized = true;
  }

  private tokenizeByBytes(): void {
    const bytes = this.buffer;
    const end = this.recordEnd;
    let n = 0;
    let start = this.recordStart;
    for (let i = start; ; i++) {
      if (i < end && bytes[i] !== COMMA) continue;
      if (n === this.cellStart.length) this.growCells();
      this.cellStart[n] = start;
      this.cellEnd[n] = i;
      this.cellFlags[n] = 0;
      n++;
      if (i >= end) break;
      start = i + 1;
    }
    this.cells = n;
  }

  /** Cells in the current record. */
  get cellCount(): number {
    this.tokenize();
    return this.cells;
  }

  /** Finds cell `n` (cellStart[n], cellEnd[n], cellFlags[n]) without tokenizing the record; false if it has fewer cells. */
  locateCell(n: number): boolean {
    if (n >= this.cellStart.length || this.tokenized) return n < this.cellCount;
    const bytes = this.buffer;
    const end = this.recordEnd;
    let i = this.recordStart;
    for (let skip = n; skip > 0; skip--) {
      while (i < end && bytes[i] !== COMMA) i++;
      if (i >= end) return false;
      i++;
    }
    const start = i;
    while (i < end && bytes[i] !== COMMA) i++;
    this.cellStart[n] = start;
    this.cellEnd[n] = i;
    this.cellFlags[n] = 0;
    return true;
  }

  /** A cell's text, as the snapshot loader gives it. */
  cellText(n: number): string {
    const start = this.cellStart[n]!;
    const end = this.cellEnd[n]!;
    let text: string;
    if (this.hasHighBytes(start, end)) text = this.buffer.toString('utf8', start, end);
    else {
      // One decoding per record rather than per cell: most records are never decoded at all.
      if (this.textRecord !== this.records) {
        this.text = this.buffer.toString('latin1', this.recordStart, this.recordEnd);
        this.textBase = this.recordStart;
        this.textRecord = this.records;
      }
      text = this.text.slice(start - this.textBase, end - this.textBase);
    }
    if (this.cellFlags[n]! & ESCAPED) text = text.replaceAll('""', '"');
    return text;
  }

  /** All cells' text. */
  cellTexts(): string[] {
    this.tokenize();
    const texts = new Array<string>(this.cellCount);
    for (let n = 0; n < this.cellCount; n++) texts[n] = this.cellText(n);
    return texts;
  }

  hasHighBytes(start: number, end: number): boolean {
    const bytes = this.buffer;
    for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return true;
    return false;
  }

  /**
   * Finds the record at `pos`: 1 when found, 0 when the chunk ends first
   * (more bytes needed), -1 at the end of the file.
   */
  private scan(): number {
    const bytes = this.buffer;
    const limit = this.limit;
    let i = this.pos;
    while (i < limit && (bytes[i] === LF || bytes[i] === CR)) i++;
    this.recordStart = i;
    if (i >= limit) {
      // A CR at the end of the chunk may be half of a CRLF: keep it for the next chunk.
      if (!this.eof && bytes[limit - 1] === CR) this.recordStart = i = limit - 1;
      this.pos = i;
      return this.eof ? -1 : 0;
    }
    if (this.window !== null) {
      const found = this.scanByWindow(i);
      if (found !== NOT_IN_WINDOW) return found;
    }
    let lineEnd = bytes.indexOf(LF, i);
    if (lineEnd === -1 || lineEnd >= limit) {
      if (!this.eof) return 0;
      lineEnd = limit;
    }
    if (this.nextQuote < i) this.nextQuote = this.find(QUOTE, i);
    if (this.nextCr < i) this.nextCr = this.find(CR, i);
    const crEnds = this.nextCr === lineEnd - 1;
    if (this.nextQuote >= lineEnd && (this.nextCr >= lineEnd || crEnds)) {
      this.recordEnd = crEnds ? lineEnd - 1 : lineEnd;
      this.tokenized = false;
      this.pos = lineEnd;
      return 1;
    }
    return this.scanCells(i);
  }

  /**
   * Reads the plain record at `i` (no quote, no lone CR) off the delimiter window, its cells with it:
   * 1 when found, 0 when the chunk ends first, NOT_IN_WINDOW for a record the byte-level paths read
   * (one with a quote or a lone CR, one longer than a window) or when there is no WebAssembly.
   */
  private scanByWindow(i: number): number {
    let window = this.window;
    if (window === undefined) window = this.window = DelimiterWindow.create();
    if (window === null) return NOT_IN_WINDOW;
    const bytes = this.buffer;
    const limit = this.limit;
    if (window.generation !== this.generation || i < window.base || i >= window.end) window.fill(bytes, i, limit, this.generation);
    for (;;) {
      const offsets = window.offsets;
      const count = window.count;
      const base = window.base;
      let p = window.next;
      // Past the line breaks before this record (and the delimiters of any record read byte by byte).
      while (p < count && offsets[p]! + base < i) p++;
      let starts = this.cellStart;
      let ends = this.cellEnd;
      let flags = this.cellFlags;
      let n = 0;
      let cell = i;
      for (; p < count; p++) {
        const at = offsets[p]! + base;
        const byte = bytes[at];
        if (byte !== COMMA) {
          let end = at;
          let next = at;
          if (byte === CR) {
            // A CR ends the record only as half of a CRLF (or as the file's last byte), as the indexOf path reads it.
            if (at + 1 === limit) {
              if (!this.eof) return 0;
              next = limit;
            } else if (bytes[at + 1] === LF) next = at + 1;
            else return NOT_IN_WINDOW;
          } else if (byte !== LF) return NOT_IN_WINDOW;
          return this.endWindowRecord(window, p, n, cell, end, next);
        }
        if (n === starts.length) {
          this.growCells();
          starts = this.cellStart;
          ends = this.cellEnd;
          flags = this.cellFlags;
        }
        starts[n] = cell;
        ends[n] = at;
        flags[n] = 0;
        n++;
        cell = at + 1;
      }
      // No line end in the window: the record goes on past it, or to the end of the chunk.
      if (window.end < limit) {
        if (i === window.base) return NOT_IN_WINDOW;
        window.fill(bytes, i, limit, this.generation);
        continue;
      }
      if (!this.eof) return 0;
      return this.endWindowRecord(window, p, n, cell, limit, limit);
    }
  }

  /** The record read off the window ends at `end` (its last cell from `cell`), the next is looked for from `next`. */
  private endWindowRecord(window: DelimiterWindow, p: number, n: number, cell: number, end: number, next: number): number {
    if (n === this.cellStart.length) this.growCells();
    this.cellStart[n] = cell;
    this.cellEnd[n] = end;
    this.cellFlags[n] = 0;
    this.cells = n + 1;
    this.tokenized = true;
    this.recordEnd = end;
    this.pos = next;
    window.next = p;
    return 1;
  }

  /** Reads the record at `i` byte by byte, splitting it into cells. */
  private scanCells(i: number): number {
    const bytes = this.buffer;
    const limit = this.limit;
    this.recordStart = i;
    let n = 0;
    let c = -1;
    for (;;) {
      if (n === this.cellStart.length) this.growCells();
      if (i < limit && bytes[i] === QUOTE) {
        let flags = QUOTED;
        const start = ++i;
        for (;;) {
          while (i < limit && bytes[i] !== QUOTE) i++;
          if (i + 1 >= limit && !this.eof) return 0;
          if (i >= limit) throw new UnsupportedCsv('a quoted value is not closed');
          if (i + 1 === limit || bytes[i + 1] !== QUOTE) break;
          flags |= ESCAPED;
          i += 2;
        }
        this.cellStart[n] = start;
        this.cellEnd[n] = i;
        this.cellFlags[n] = flags;
        n++;
        i++;
        c = i < limit ? bytes[i]! : -1;
        if (c !== COMMA && c !== LF && c !== CR && c !== -1) throw new UnsupportedCsv('text after a closing quote');
      } else {
        const start = i;
        c = -1;
        while (i < limit) {
          c = bytes[i]!;
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) throw new UnsupportedCsv('a quote inside an unquoted value');
          i++;
        }
        if (i >= limit) {
          if (!this.eof) return 0;
          c = -1;
        }
        this.cellStart[n] = start;
        this.cellEnd[n] = i;
        this.cellFlags[n] = 0;
        n++;
      }
      if (c === COMMA) {
        i++;
        continue;
      }
      this.recordEnd = i;
      this.cells = n;
      this.tokenized = true;
      // The line break is skipped with any empty lines before the next record.
      this.pos = i;
      return 1;
    }
  }

  /** Keeps the unfinished record and reads more of the file after it. */
  private refill(): void {
    this.generation++;
    const keep = this.recordStart;
    this.checkUtf8(keep);
    if (this.countLines) this.countLinesTo(keep);
    const tail = this.limit - keep;
    if (this.retain) {
      const next = Buffer.allocUnsafe(Math.max(this.chunkBytes, tail * 2));
      this.buffer.copy(next, 0, keep, this.limit);
      this.startChunk(next, tail);
    } else if (keep > 0) {
      this.buffer.copyWithin(0, keep, this.limit);
    } else {
      const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
      this.buffer.copy(bigger, 0, 0, this.limit);
      this.buffer = bigger;
    }
    this.limit = tail;
    this.pos = this.recordStart = 0;
    this.nextQuote = this.nextCr = -1;
    this.checkedTo = this.countedTo = 0;
    this.fill();
  }

  private startChunk(chunk: Buffer, used: number): void {
    this.generation++;
    this.buffer = chunk;
    this.limit = used;
    if (this.retain) this.chunks.push(chunk);
    this.chunkIndex = this.retain ? this.chunks.length - 1 : 0;
  }

  /** Position of the first `byte` at or after `from` in the chunk, or the limit. */
  private find(byte: number, from: number): number {
    const at = this.buffer.indexOf(byte, from);
    return at === -1 || at >= this.limit ? this.limit : at;
  }

  /** Reads until the buffer is full or the file ends. */
  private fill(): void {
    while (this.limit < this.buffer.length) {
      const read = this.unread === 0 ? 0 : readSync(this.fd, this.buffer, this.limit, Math.min(this.buffer.length - this.limit, this.unread), null);
      this.unread -= read;
      if (read === 0) {
        this.eof = true;
        break;
      }
      this.limit += read;
    }
  }

  /** Checks the bytes up to `end` (a record boundary, so never inside a character). */
  private checkUtf8(end: number): void {
    if (this.utf8 && end > this.checkedTo) this.utf8 = isUtf8(this.buffer.subarray(this.checkedTo, end));
    this.checkedTo = end;
  }

  /** Counts line breaks from where counting stopped to `end`: LF, CRLF and a lone CR each count once. */
  private countLinesTo(end: number): void {
    const bytes = this.buffer;
    let lines = 0;
    for (let i = this.countedTo; i < end; i++) {
      const c = bytes[i];
      if (c === LF || (c === CR && bytes[i + 1] !== LF)) lines++;
    }
    this.linesBefore += lines;
    this.countedTo = end;
  }

  private growCells(): void {
    const size = this.cellStart.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(old: T, fresh: T): T => (fresh.set(old), fresh);
    this.cellStart = grow(this.cellStart, new Int32Array(size));
    this.cellEnd = grow(this.cellEnd, new Int32Array(size));
    this.cellFlags = grow(this.cellFlags, new Uint8Array(size));
  }
}

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wasmModuleSource } from '../../../scripts/wasm-source.mjs';
import { CsvRecordReader, UnsupportedCsv } from '../../../src/diff/stream/csv-reader.js';
import { DelimiterWindow, WINDOW_BYTES } from '../../../src/diff/stream/delimiters.js';
import { parseCsvRecords } from '../../../src/snapshots/csv-records.js';
import { Random } from '../../../src/synthetic/random.js';

async function fileOf(text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'court-report-window-')), 'snapshot.csv');
  await writeFile(file, text);
  return file;
}

interface ReadRecords {
  /** Each record's cell texts. */
  records: string[][];
  /** Each record's cells' quote flags. */
  flags: number[][];
  lines: number[];
  /** The UnsupportedCsv the reader stopped at, if it did. */
  stopped?: string;
}

/** Every record as the reader gives it, or as far as the UnsupportedCsv it stops at. */
function read(file: string, options: { chunkBytes?: number; window: boolean }): ReadRecords {
  const reader = CsvRecordReader.open(file, { chunkBytes: options.chunkBytes, countLines: true, windowMinBytes: options.window ? 0 : Infinity });
  const read: ReadRecords = { records: [], flags: [], lines: [] };
  try {
    while (reader.next()) {
      read.records.push(reader.cellTexts());
      read.flags.push(Array.from(reader.cellFlags.subarray(0, reader.cellCount)));
      read.lines.push(reader.line);
    }
    return read;
  } catch (error) {
    if (!(error instanceof UnsupportedCsv)) throw error;
    return { ...read, stopped: error.message };
  } finally {
    reader.close();
  }
}

describe('the delimiter window (WebAssembly SIMD)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is the compiled delimiters.wat (npm run wasm)', async () => {
    const committed = await readFile(new URL('../../../src/diff/stream/delimiters-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await wasmModuleSource(path.resolve('src/diff/stream/delimiters.wat')));
  });

  it('runs here, so the tests below read through it', () => {
    expect(DelimiterWindow.create()).not.toBeNull();
  });

  it('reads the records the snapshot loader reads, whatever the chunk size', async () => {
    const text = ['\uFEFFid,note\r\n', 'a,"one, two"\r\n', '\r\n', 'b,"say ""hi""\nand\r\nbye"\n', 'c,\rd,"é ü"\n', '"",\n', 'x,,y,\n', 'e,last'].join('');
    const file = await fileOf(text);
    const expected = parseCsvRecords(text)
      .map((record) => record.cells)
      .filter((cells) => !(cells.length === 1 && cells[0] === ''));
    const fill = vi.spyOn(DelimiterWindow.prototype, 'fill');
    for (let chunkBytes = 1; chunkBytes <= 60; chunkBytes++) {
      const { records, lines } = read(file, { chunkBytes, window: true });
      expect(records, `chunks of ${chunkBytes} bytes`).toEqual(expected);
      expect(lines, `chunks of ${chunkBytes} bytes`).toEqual([1, 2, 4, 7, 8, 9, 10, 11]);
    }
    expect(fill).toHaveBeenCalled();
  });

  it('gives the same records, flags and lines as the byte-by-byte reader on random CSV, chunk ends and window ends included', async () => {
    const random = new Random(20261201);
    const pieces = ['a', 'bc', 'def', '', ',', ',', ',', '\n', '\n', '\r\n', '\r', '"q"', '"x,y"', '"a""b"', 'é', ' '];
    for (let round = 0; round < 40; round++) {
      let text = '';
      const size = random.chance(0.2) ? WINDOW_BYTES + random.int(0, 4000) : random.int(0, 3000);
      while (text.length < size) text += pieces[random.int(0, pieces.length - 1)]!;
      const file = await fileOf(text);
      const chunkBytes = random.chance(0.5) ? random.int(1, 300) : undefined;
      const withWindow = read(file, { chunkBytes, window: true });
      expect(withWindow, `round ${round}, chunks of ${chunkBytes ?? 'default'} bytes`).toEqual(read(file, { chunkBytes, window: false }));
    }
  });

  it('leaves a record longer than the window to the byte-level reader, and reads the next ones through the window again', async () => {
    const long = 'x'.repeat(WINDOW_BYTES + 10);
    const text = `id,note\n1,${long}\n2,b,c\n3,"q",d\n4,e\n`;
    const file = await fileOf(text);
    expect(read(file, { window: true })).toEqual(read(file, { window: false }));
    const withWindow = read(file, { window: true });
    expect(withWindow.records[1]).toEqual(['1', long]);
    expect(withWindow.flags[1]).toEqual([0, 0]);
  });

  it('reads records that cross the end of a window whole', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `${i},${'v'.repeat(i % 37)},${i % 3 === 0 ? '' : 'w'}`);
    const file = await fileOf(`id,a,b\n${rows.join('\n')}\n`);
    const withWindow = read(file, { window: true });
    expect(withWindow.records).toHaveLength(6001);
    expect(withWindow).toEqual(read(file, { window: false }));
  });
});

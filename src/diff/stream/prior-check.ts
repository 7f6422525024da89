/**
 * The part of reading the prior snapshot that needs every byte of every
 * record: checking each value and cell count; and, when keys are not in
 * ascending order, building the key table (which also finds duplicate keys).
 * Runs on a worker thread when one can be started, beside the diff, which
 * meanwhile needs only where records are.
 */
import { Worker } from 'node:worker_threads';
import type { SnapshotSource } from '../../config/types.js';
import { CellTyper, recordIsBlank } from './cells.js';
import { CsvRecordReader } from './csv-reader.js';
import { keyIndexOf, readHeader } from './header.js';
import { KeyStore, KeyTable } from './key-table.js';
import { RecordKey } from './record-key.js';

export interface PriorCheck {
  /** False when the snapshot has any problem the loader would report. */
  valid: boolean;
  /** KeyTable slots, rows numbered as PriorIndex numbers them; null when the keys ascend (no table needed) or not valid. */
  slots: Int32Array<ArrayBuffer> | null;
}

export function checkPrior(file: string, source: SnapshotSource): PriorCheck {
  const invalid = { valid: false, slots: null };
  const reader = CsvRecordReader.open(file);
  try {
    const header = readHeader(reader, source);
    if (!header) return invalid;
    const typer = new CellTyper(source.fields, header.columnOf);
    const key = new RecordKey(typer, keyIndexOf(source));
    const keys = new KeyStore();
    const columns = header.columns.length;
    while (reader.next()) {
      if (!key.read(reader)) {
        if (recordIsBlank(reader)) continue;
        return invalid;
      }
      if (reader.cellCount !== columns || !typer.recordIsValid(reader)) return invalid;
      keys.add(key);
    }
    if (keys.ascending) return { valid: true, slots: null };
    const table = KeyTable.build(keys);
    return table ? { valid: true, slots: table.slots } : invalid;
  } finally {
    reader.close();
  }
}

export interface RunningCheck {
  result: Promise<PriorCheck>;
  /** Stops the check if it is still running. */
  stop(): Promise<void>;
}

/** Worker threads run compiled JavaScript only: from TypeScript sources (tests) the check runs in this thread. */
const canUseWorker = import.meta.url.endsWith('.js');

/**
 * Starts the check on a worker thread; from TypeScript sources, in this
 * thread once the caller awaits, which keeps the same order of events.
 */
export function startPriorCheck(file: string, source: SnapshotSource): RunningCheck {
  if (!canUseWorker) {
    let immediate: NodeJS.Immediate | undefined;
    const result = new Promise<PriorCheck>((resolve) => (immediate = setImmediate(() => resolve(checkPrior(file, source)))));
    return { result, stop: async () => clearImmediate(immediate) };
  }
  const worker = new Worker(new URL('./prior-check-worker.js', import.meta.url), { workerData: { file, source } });
  const result = new Promise<PriorCheck>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the prior snapshot check stopped with exit code ${code}`)));
  });
  // The caller may stop a check it never awaits.
  result.catch(() => {});
  return { result, stop: async () => void (await worker.terminate()) };
}

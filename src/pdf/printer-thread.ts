/**
 * The printer, run on a worker thread. Puppeteer's start-up and its DevTools
 * traffic then use the second core while the main thread loads the config and
 * snapshots and renders; on one thread, each would wait for the other.
 * Same interface as Printer; errors cross back as the same UserErrors.
 */
import { Worker } from 'node:worker_threads';
import { UserError, type Problem } from '../errors.js';
import type { PrinterOptions, PrintOptions } from './printer.js';

/** What the pipeline needs of a printer, wherever it runs. */
export interface PdfPrinter {
  print(html: string, options: PrintOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Messages between the thread and its owner. */
export type ToPrinter = { type: 'print'; id: number; html: string; options: PrintOptions } | { type: 'close' };
export type FromPrinter =
  | { type: 'ready' }
  | { type: 'printed'; id: number; pdf: Uint8Array }
  | { type: 'failed'; id: number | null; error: SerializedError }
  | { type: 'closed' };

export interface SerializedError {
  message: string;
  stack?: string;
  problems?: Problem[];
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof UserError) return { message: error.message, problems: error.problems };
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.problems) return new UserError(error.problems);
  const revived = new Error(error.message);
  if (error.stack) revived.stack = error.stack;
  return revived;
}

export class PrinterThread implements PdfPrinter {
  private readonly pending = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  /** Assets already handed to the thread, which keeps them. */
  private readonly sentAssets = new Set<string>();
  private closing: Promise<void> | null = null;
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromPrinter) => this.receive(message));
    worker.on('exit', () => {
      this.exited = true;
      for (const { reject } of this.pending.values()) reject(new UserError({ message: 'the printer stopped' }));
      this.pending.clear();
    });
  }

  /** Starts the thread, which starts the browser; resolves when it can print. */
  static launch(options: PrinterOptions = {}): Promise<PrinterThread> {
    const worker = new Worker(new URL('./printer-worker.js', import.meta.url), { workerData: options });
    const thread = new PrinterThread(worker);
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromPrinter) => {
        if (message.type === 'ready') resolve(thread);
        else if (message.type === 'failed' && message.id === null) {
          reject(deserializeError(message.error));
          void thread.close();
        } else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  }

  print(html: string, options: PrintOptions): Promise<Uint8Array> {
    if (this.closing || this.exited) return Promise.reject(new UserError({ message: `printing ${options.name} was interrupted` }));
    const id = this.nextId++;
    const assets = (options.assets ?? []).filter((asset) => !this.sentAssets.has(asset.url));
    for (const asset of assets) this.sentAssets.add(asset.url);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'print', id, html, options: { ...options, assets } } satisfies ToPrinter);
    });
  }

  /** Closes the browser (killing every process it started) and ends the thread. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const end = () => {
        // The browser is gone; whatever the thread still had pending is of no use.
        void this.worker.terminate();
        resolve();
      };
      this.worker.once('exit', () => resolve());
      this.worker.on('message', (message: FromPrinter) => {
        if (message.type === 'closed') end();
      });
      this.worker.postMessage({ type: 'close' } satisfies ToPrinter);
      setTimeout(end, 10_000).unref();
    });
    return this.closing;
  }

  private receive(message: FromPrinter): void {
    if (message.type === 'printed') {
      this.pending.get(message.id)?.resolve(message.pdf);
      this.pending.delete(message.id);
    } else if (message.type === 'failed' && message.id !== null) {
      this.pending.get(message.id)?.reject(deserializeError(message.error));
      this.pending.delete(message.id);
    }
  }
}

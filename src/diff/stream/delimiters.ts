/**
 * Where the commas are, found 16 bytes at a time. Splitting a million-record
 * CSV into cells byte by byte in JavaScript was a quarter of the loader's
 * time; WebAssembly's SIMD compares 16 bytes in one instruction
 * (delimiters.wat). The reader copies a window of its chunk into the
 * module's memory and reads the offsets of every comma, LF, quote and CR in
 * it back, then cuts each record's cells at the commas between its ends.
 *
 * Without WebAssembly SIMD (a Node started with it switched off) there is no
 * scanner and the reader splits records as before.
 */
import { DELIMITERS_WASM } from './delimiters-wasm.js';

/** Bytes of the chunk scanned at a time: longer records are split by the reader itself. */
export const WINDOW_BYTES = 1 << 17;
/** The offsets go after the window: at most one per byte. */
const OFFSETS_AT = WINDOW_BYTES;
const MEMORY_BYTES = OFFSETS_AT + 4 * WINDOW_BYTES;

/** What this file uses of WebAssembly (Node's own; TypeScript's lib here has no types for it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
interface DelimitersModule {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  delimiters(from: number, to: number, out: number): number;
}

let compiled: object | null | undefined;

function compiledModule(): object | null {
  if (compiled === undefined) {
    const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    try {
      compiled = wasm ? new wasm.Module(Buffer.from(DELIMITERS_WASM, 'base64')) : null;
    } catch {
      // A Node without WebAssembly SIMD refuses the module.
      compiled = null;
    }
  }
  return compiled;
}

/** One reader's window onto its chunk, with the offsets of its delimiters. */
export class DelimiterWindow {
  /** The window copied: chunk bytes [base, end), read while the chunk's generation is `generation`. */
  base = 0;
  end = 0;
  generation = -1;
  /** Delimiters found in the window (offsets from base), and the first not yet passed. */
  count = 0;
  next = 0;
  readonly offsets: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly scan: DelimitersModule['delimiters'];

  private constructor(instance: DelimitersModule) {
    const pages = Math.ceil(MEMORY_BYTES / 65536);
    instance.memory.grow(pages - instance.memory.buffer.byteLength / 65536);
    // Views made after the memory grew, once: it never grows again.
    this.bytes = new Uint8Array(instance.memory.buffer, 0, WINDOW_BYTES);
    this.offsets = new Int32Array(instance.memory.buffer, OFFSETS_AT, WINDOW_BYTES);
    this.scan = instance.delimiters;
  }

  /** A window of its own (each reader has one), or null without WebAssembly SIMD. */
  static create(): DelimiterWindow | null {
    const module = compiledModule();
    if (!module) return null;
    const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly!;
    return new DelimiterWindow(new wasm.Instance(module).exports as DelimitersModule);
  }

  /** Copies chunk[from, from + WINDOW_BYTES) (or to `limit`) into the window and finds its delimiters. */
  fill(chunk: Uint8Array, from: number, limit: number, generation: number): void {
    const to = Math.min(limit, from + WINDOW_BYTES);
    this.bytes.set(chunk.subarray(from, to));
    this.count = (this.scan(0, to - from, OFFSETS_AT) - OFFSETS_AT) >> 2;
    this.base = from;
    this.end = to;
    this.next = 0;
    this.generation = generation;
  }
}

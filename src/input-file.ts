/**
 * Every input file (config, template, snapshot) is read through here, so that
 * no read can hang or exhaust memory: only regular files are opened (a FIFO
 * would block the open, /dev/zero never ends), and no more than a bound is
 * read (a file that grows while it is read, or is simply huge, is refused).
 */
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { UserError } from './errors.js';
import { decodeUtf8 } from './snapshots/text.js';

export const MB = 1024 * 1024;

/** How much of each kind of input is read at most. */
export const inputLimits = {
  config: 4 * MB,
  template: 16 * MB,
  // V8 strings stop just short of 512 MiB, and text snapshots are decoded whole.
  snapshot: 511 * MB,
} as const;

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** As shown in messages. */
  shown: string;
  /** What the file is, for messages: "report definition", "template", "snapshot". */
  what: string;
  maxBytes: number;
}

/**
 * The file's bytes; a UserError when it is not a regular file, is larger than maxBytes, or changes
 * size while it is read (still being written: what was read would be a cut-off export). ENOENT is
 * rethrown as is. Reading stops at the size the file had when opened, so a file that keeps growing
 * cannot keep the read going.
 */
export async function readInputFile(input: InputFile): Promise<Buffer> {
  checkKind(input, await stat(input.path));
  const handle = await open(input.path, 'r');
  try {
    const atOpen = (await handle.stat()).size;
    const bound = readBound(input, atOpen);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(8 * MB, bound - total));
      const { bytesRead } = chunk.length === 0 ? { bytesRead: 0 } : await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > input.maxBytes) throw tooLarge(input);
    }
    checkUnchanged(input, atOpen, total, (await handle.stat()).size);
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** The same, synchronously (for the config cache, which runs before anything else). */
export function readInputFileSync(input: InputFile): Buffer {
  checkKind(input, statSync(input.path));
  const fd = openSync(input.path, 'r');
  try {
    const atOpen = fstatSync(fd).size;
    const bound = readBound(input, atOpen);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(8 * MB, bound - total));
      const bytesRead = chunk.length === 0 ? 0 : readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > input.maxBytes) throw tooLarge(input);
    }
    checkUnchanged(input, atOpen, total, fstatSync(fd).size);
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * How many bytes to read: the size at open (a byte more past the limit, to tell "too large").
 * A regular file that says it is empty may be one the kernel makes up as it is read (/proc): up to the limit.
 */
function readBound(input: InputFile, atOpen: number): number {
  if (atOpen > input.maxBytes) throw tooLarge(input);
  return atOpen === 0 ? input.maxBytes + 1 : atOpen;
}

function checkUnchanged(input: InputFile, atOpen: number, read: number, now: number): void {
  if (atOpen === 0 || (read === atOpen && now === atOpen)) return;
  throw changedWhileRead(input.shown, input.what, atOpen, now);
}

/** The one message for an input that grew or shrank while it was read, whichever reader saw it. */
export function changedWhileRead(shown: string, what: string, atOpen: number, now: number): UserError {
  return new UserError({
    location: { file: shown },
    message: `the ${what} changed while it was read: ${describeSize(atOpen)} when opened, ${describeSize(now)} now; it is still being written, or was replaced`,
    hint: 'wait until whatever writes it (the export) has finished, then run again',
  });
}

function describeSize(bytes: number): string {
  return bytes < MB ? `${bytes.toLocaleString('en-US')} bytes` : `${(bytes / MB).toFixed(1)} MB`;
}

/** A UserError when the path is not a regular file (checked without opening it, which a FIFO would block). */
export function checkRegularFile(input: Pick<InputFile, 'path' | 'shown' | 'what'>): void {
  checkKind(input, statSync(input.path));
}

function checkKind(input: Pick<InputFile, 'shown' | 'what'>, stats: Stats): void {
  if (stats.isFile()) return;
  const kind = stats.isDirectory()
    ? 'a folder'
    : stats.isFIFO()
      ? 'a named pipe (FIFO)'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isSocket()
          ? 'a socket'
          : 'not a regular file';
  throw new UserError({
    location: { file: input.shown },
    message: `the ${input.what} is ${kind}, not a regular file`,
    hint: 'check the path (a link is followed to what it points at)',
  });
}

function tooLarge(input: InputFile): UserError {
  return new UserError({
    location: { file: input.shown },
    message: `the ${input.what} is larger than ${input.maxBytes / MB} MB, the most court-report reads of it`,
    hint: 'check the path points at the right file (a file that keeps growing is refused too)',
  });
}

/** How to save a text file as UTF-8, for messages about configs and templates. */
export const saveTextAsUtf8 = 'save it as UTF-8 (in Notepad: Save As › Encoding: UTF-8; in VS Code: "Reopen with Encoding", then "Save with Encoding" › UTF-8)';

/** The file's text, which must be UTF-8 (else a UserError at the first bad byte's line and column). */
export async function readInputText(input: InputFile): Promise<string> {
  return decodeUtf8(await readInputFile(input), input.shown, saveTextAsUtf8);
}

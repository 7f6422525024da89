/**
 * Every input file (config, template, snapshot) is read through here, so that
 * no read can hang or exhaust memory: only regular files are opened (a FIFO
 * would block the open, /dev/zero never ends), and no more than a bound is
 * read (a file that grows while it is read, or is simply huge, is refused).
 */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
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

/** The file's bytes; a UserError when it is not a regular file or is larger than maxBytes. ENOENT is rethrown as is. */
export async function readInputFile(input: InputFile): Promise<Buffer> {
  checkKind(input, await stat(input.path));
  const handle = await open(input.path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(8 * MB, input.maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > input.maxBytes) throw tooLarge(input);
    }
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
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(8 * MB, input.maxBytes + 1 - total));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > input.maxBytes) throw tooLarge(input);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
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

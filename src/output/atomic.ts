/**
 * Writes a period's outputs so that a reader sees the old set or the new one,
 * never a mix: every file goes to a temp file in the same folder first and is
 * fsynced; only when all are complete are they renamed into place. The files
 * they replace are kept (hard-linked) until every rename has succeeded, so a
 * rename that fails midway (a locked or immutable file, a folder in the way)
 * puts the files already replaced back. The folder is fsynced before and after
 * the renames, as git and SQLite do, so a crash cannot leave renames unwritten.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, lstat, mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { fsUserError, withFsErrors } from '../fs-errors.js';
import { uninterrupted } from '../interrupt.js';

/** Temp files being written, so an interrupt can remove them. */
export class PendingWrites {
  readonly files = new Set<string>();

  /** Removes every temp file still pending; synchronous-safe to call from a signal handler's cleanup. */
  async discard(): Promise<void> {
    await Promise.all([...this.files].map((file) => rm(file, { force: true })));
    this.files.clear();
  }
}

export interface WriteOptions {
  /** Files of the previous set that the new one may lack (manifest.json after a draft); removed with it. */
  supersedes?: readonly string[];
}

interface Staged {
  name: string;
  temp: string;
  file: string;
  /** The previous file, kept until the set is in place; null when there was none (or a folder). */
  backup: string | null;
  replaced: boolean;
}

export async function writeOutputs(
  dir: string,
  files: Record<string, string | Uint8Array>,
  pending: PendingWrites = new PendingWrites(),
  options: WriteOptions = {},
): Promise<string[]> {
  // A signal waits for the set to be in place (or put back): an exit between two renames would leave a mix.
  return uninterrupted(() => writeSet(dir, files, pending, options));
}

async function writeSet(dir: string, files: Record<string, string | Uint8Array>, pending: PendingWrites, options: WriteOptions): Promise<string[]> {
  // The first folder this made, if any: a set that fails leaves no empty folder behind either.
  const created = await withFsErrors(dir, 'create', () => mkdir(dir, { recursive: true }));
  const staged: Staged[] = [];
  const stale: Staged[] = [];
  let written = false;
  try {
    for (const [name, data] of Object.entries(files)) {
      const entry: Staged = { name, temp: tempName(dir, name, 'tmp'), file: path.join(dir, name), backup: null, replaced: false };
      pending.files.add(entry.temp);
      staged.push(entry);
      await withFsErrors(entry.file, 'write', () => writeDurably(entry.temp, data));
    }
    for (const name of options.supersedes ?? []) {
      if (name in files) continue;
      const file = path.join(dir, name);
      if (await isFile(file)) stale.push({ name, temp: '', file, backup: null, replaced: false });
    }
    for (const entry of [...staged, ...stale]) entry.backup = await keepPrevious(dir, entry);
    await syncFolder(dir);
    await replaceAll(staged, stale);
    await syncFolder(dir);
    written = true;
  } finally {
    await Promise.all(staged.map((entry) => rm(entry.temp, { force: true })));
    for (const entry of staged) pending.files.delete(entry.temp);
    await Promise.all([...staged, ...stale].map((entry) => (entry.backup ? rm(entry.backup, { force: true }) : undefined)));
    if (!written && created !== undefined) await removeEmptyFolders(dir, created);
  }
  return staged.map((entry) => entry.file);
}

/** Removes `dir` and its parents up to `top`, each only if empty (rmdir refuses a folder that is not). */
async function removeEmptyFolders(dir: string, top: string): Promise<void> {
  for (let folder = dir; ; folder = path.dirname(folder)) {
    if (!(await rmdir(folder).then(() => true, () => false)) || folder === top || path.dirname(folder) === folder) return;
  }
}

/** Renames the new set into place (and the stale files out); on the first failure, restores what was replaced. */
async function replaceAll(staged: Staged[], stale: Staged[]): Promise<void> {
  try {
    for (const entry of staged) {
      await rename(entry.temp, entry.file).catch((error: unknown) => {
        throw fsUserError(error, entry.file, 'replace');
      });
      entry.replaced = true;
    }
    for (const entry of stale) {
      await rm(entry.file).catch((error: unknown) => {
        throw fsUserError(error, entry.file, 'replace');
      });
      entry.replaced = true;
    }
  } catch (error) {
    const lost = await restore([...staged, ...stale]);
    if (lost.length === 0 || !(error instanceof UserError)) throw error;
    throw new UserError([
      ...error.problems,
      { message: `could not put back the previous ${lost.join(', ')}; the folder now holds a mix of two builds`, hint: 'build the period again once the file can be replaced' },
    ]);
  }
}

/** Puts every replaced file's previous version back (a file that had none is removed); returns the ones that could not be. */
async function restore(entries: Staged[]): Promise<string[]> {
  const lost: string[] = [];
  for (const entry of entries) {
    if (!entry.replaced) continue;
    try {
      if (entry.backup) await rename(entry.backup, entry.file);
      else await rm(entry.file, { force: true });
      entry.backup = null;
    } catch {
      lost.push(entry.name);
    }
  }
  await syncFolder(path.dirname(entries[0]!.file)).catch(() => undefined);
  return lost;
}

/** A second name for the file being replaced (a hard link, else a copy), or null when there is no file there. */
async function keepPrevious(dir: string, entry: Staged): Promise<string | null> {
  if (!(await isFile(entry.file))) return null;
  const backup = tempName(dir, entry.name, 'prev');
  try {
    await link(entry.file, backup);
  } catch {
    // File systems without hard links (some network and FAT disks): copy instead.
    await withFsErrors(backup, 'write', () => copyFile(entry.file, backup));
  }
  return backup;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch {
    return false;
  }
}

function tempName(dir: string, name: string, kind: 'tmp' | 'prev'): string {
  return path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.${kind}`);
}

async function writeDurably(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync of the folder itself, which makes its renames durable; Windows cannot open a folder for it. */
export async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await withFsErrors(dir, 'write', () => open(dir, 'r'));
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

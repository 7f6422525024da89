/** Writes a new case folder's files all or nothing, refusing a folder that already holds something. */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { fsUserError } from '../fs-errors.js';

/** Throws unless `dir` is missing or empty (or `force` is set). */
export async function checkTargetFolder(dir: string, shown: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new UserError({ location: { file: shown }, message: code === 'ENOTDIR' ? 'is a file, not a folder' : `cannot read the folder (${code})` }, { cause: error });
  }
  if (entries.length > 0 && !force) {
    throw new UserError({
      location: { file: shown },
      message: `is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, e.g. ${entries.sort()[0]})`,
      hint: 'choose a new folder, or add --force to overwrite the files init writes there',
    });
  }
}

/** Writes every file (paths relative to `dir`) to a temp file first, then renames them all into place. */
export async function writeCaseFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<string[]> {
  const staged: Array<[temp: string, file: string]> = [];
  // The file being written when a step fails, named in the message (a folder in the way, /proc, a read-only disk).
  let current = dir;
  try {
    for (const [name, data] of Object.entries(files)) {
      const file = path.join(dir, name);
      current = file;
      await mkdir(path.dirname(file), { recursive: true });
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
      staged.push([temp, file]);
      await writeFile(temp, data);
    }
    for (const [temp, file] of staged) {
      current = file;
      await rename(temp, file);
    }
  } catch (error) {
    await Promise.all(staged.map(([temp]) => rm(temp, { force: true })));
    throw fsUserError(error, current, 'write');
  }
  return Object.keys(files);
}

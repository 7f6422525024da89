/**
 * Writes outputs so that a reader sees the old file or the new one, never
 * half of either: a temp file in the same folder, then a rename.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes a set of files; each file is atomic, and nothing is written until all contents exist. */
export async function writeOutputs(dir: string, files: Record<string, string | Uint8Array>): Promise<string[]> {
  const written: string[] = [];
  for (const [name, data] of Object.entries(files)) {
    const file = path.join(dir, name);
    await writeFileAtomic(file, data);
    written.push(file);
  }
  return written;
}

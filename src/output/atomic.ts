/**
 * Writes a period's outputs so that a reader sees the old set or the new one:
 * every file goes to a temp file in the same folder first, and only when all
 * are complete are they renamed into place. A failure removes the temp files.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Temp files being written, so an interrupt can remove them. */
export class PendingWrites {
  readonly files = new Set<string>();

  /** Removes every temp file still pending; synchronous-safe to call from a signal handler's cleanup. */
  async discard(): Promise<void> {
    await Promise.all([...this.files].map((file) => rm(file, { force: true })));
    this.files.clear();
  }
}

export async function writeOutputs(
  dir: string,
  files: Record<string, string | Uint8Array>,
  pending: PendingWrites = new PendingWrites(),
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const staged: Array<[temp: string, file: string]> = [];
  try {
    for (const [name, data] of Object.entries(files)) {
      const file = path.join(dir, name);
      const temp = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
      pending.files.add(temp);
      staged.push([temp, file]);
      await writeFile(temp, data);
    }
    for (const [temp, file] of staged) {
      await rename(temp, file);
      pending.files.delete(temp);
    }
  } catch (error) {
    await Promise.all(staged.map(([temp]) => rm(temp, { force: true })));
    for (const [temp] of staged) pending.files.delete(temp);
    throw error;
  }
  return staged.map(([, file]) => file);
}

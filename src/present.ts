/**
 * Whether anything is at a path — a file, a folder, or a symbolic link even
 * when it loops or points nowhere. `existsSync` follows links and answers
 * false for a link that loops, so a snapshot or template that is visibly there
 * was reported "not found"; what is there is left to its reader, which names
 * what is wrong with it (too many symbolic links, not a file).
 */
import { lstatSync } from 'node:fs';

export function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * File-system failures the user can fix (a folder that is a file, a read-only
 * disk, a full disk) as UserErrors naming the path and what to do. Any stage
 * that touches files wraps its errors with `fsUserError`; an errno not listed
 * here stays a bug with its stack.
 */
import { sep } from 'node:path';
import { UserError } from './errors.js';

/** What went wrong for each errno a user can do something about, and what to do. */
const REMEDIES: Record<string, { problem: string; hint: string }> = {
  ENOENT: { problem: 'does not exist', hint: 'check the path, or create the folder it names' },
  ENOTDIR: { problem: 'is not a folder (a part of the path is a file)', hint: 'choose another path, or move the file that is in the way' },
  EEXIST: { problem: 'exists and is not a folder', hint: 'choose another path, or move the file that is in the way' },
  EISDIR: { problem: 'is a folder where a file was expected', hint: 'remove or rename the folder, or choose another path' },
  EACCES: { problem: 'is not accessible: permission denied', hint: 'check the permissions of the path and its folders, or choose another path' },
  EPERM: { problem: 'may not be changed: operation not permitted (a locked or immutable file?)', hint: 'close any program that holds the file open, clear its immutable flag (chattr -i), or choose another path' },
  EROFS: { problem: 'is on a read-only file system', hint: 'choose a path on a writable disk' },
  ENOSPC: { problem: 'could not be written: no space left on the device', hint: 'free some space on that disk, or choose a path on another one' },
  EDQUOT: { problem: 'could not be written: disk quota exceeded', hint: 'free some space within your quota, or choose a path on another disk' },
  EBUSY: { problem: 'is busy (open in another program?)', hint: 'close the program that holds it open, then try again' },
  ENAMETOOLONG: { problem: 'has a name too long for the file system', hint: 'choose a shorter path' },
  ELOOP: { problem: 'has too many symbolic links', hint: 'check for a symbolic link that points to itself' },
  EMFILE: { problem: 'could not be opened: too many open files', hint: 'raise the limit (ulimit -n) or build fewer periods at once' },
};

export type FsAction = 'read' | 'write' | 'create' | 'replace' | 'lock';

/** The errno of a Node file-system error, if it is one. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * The error as a UserError about `file` ("cannot write out/2024-05/report.pdf:
 * it is on a read-only file system"), or the error itself when it is not an
 * errno a user can fix (or already a UserError).
 */
export function fsUserError(error: unknown, file: string, action: FsAction): unknown {
  if (error instanceof UserError) return error;
  const code = errnoOf(error);
  const remedy = code === undefined ? undefined : REMEDIES[code];
  if (!code || !remedy) return error;
  // The path the system names may be a folder above ours (the one that is a file): name that one too.
  const culprit = (error as { path?: unknown }).path;
  const above = typeof culprit === 'string' && culprit !== file && file.startsWith(culprit.endsWith(sep) ? culprit : culprit + sep);
  const where = above ? `${file} (at ${culprit})` : file;
  return new UserError({ message: `cannot ${action} ${where}: it ${remedy.problem} [${code}]`, hint: remedy.hint }, { cause: error });
}

/** Runs a file-system step, turning a fixable errno into a UserError naming the path. */
export async function withFsErrors<T>(file: string, action: FsAction, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw fsUserError(error, file, action);
  }
}

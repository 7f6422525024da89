import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { fsUserError } from '../src/fs-errors.js';

function errno(code: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), { code, path });
}

describe('file-system errors', () => {
  it.each([
    ['ENOSPC', 'cannot write out/2024-05/report.pdf: it could not be written: no space left on the device [ENOSPC]', 'free some space'],
    ['EROFS', 'cannot write out/2024-05/report.pdf: it is on a read-only file system [EROFS]', 'writable disk'],
    ['EACCES', 'cannot write out/2024-05/report.pdf: it is not accessible: permission denied [EACCES]', 'permissions'],
    ['EPERM', 'cannot write out/2024-05/report.pdf: it may not be changed: operation not permitted (a locked or immutable file?) [EPERM]', 'chattr -i'],
    ['EISDIR', 'cannot write out/2024-05/report.pdf: it is a folder where a file was expected [EISDIR]', 'remove or rename the folder'],
  ])('%s becomes a UserError naming the path and what to do', (code, message, hint) => {
    const error = fsUserError(errno(code), 'out/2024-05/report.pdf', 'write');
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems[0]!.message).toBe(message);
    expect((error as UserError).problems[0]!.hint).toContain(hint);
  });

  it('names the folder above the path that the system complained about', () => {
    const error = fsUserError(errno('ENOTDIR', '/case/a-file'), '/case/a-file/out', 'create') as UserError;
    expect(error.problems[0]!.message).toBe('cannot create /case/a-file/out (at /case/a-file): it is not a folder (a part of the path is a file) [ENOTDIR]');
  });

  it('leaves other errors (bugs) as they are', () => {
    const bug = new TypeError('x is undefined');
    expect(fsUserError(bug, 'out', 'write')).toBe(bug);
    const unknown = errno('EWHATEVER');
    expect(fsUserError(unknown, 'out', 'write')).toBe(unknown);
  });
});

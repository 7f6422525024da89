import { isAbsolute, relative } from 'node:path';

/** A path relative to `base` when it is inside it, else as given: how the snapshot loader shows files. */
export function displayPath(path: string, base: string): string {
  const relativePath = relative(base, path);
  return relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : path;
}

import { isAbsolute, relative } from 'node:path';

/** A path as the user would type it: relative to `base` (the working folder) when inside it, else as given. */
export function displayPath(path: string, base: string): string {
  const relativePath = relative(base, path);
  return relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : path;
}

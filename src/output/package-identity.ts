/**
 * The identity of a file bundled in an npm package: the package's name and
 * the file's path inside it (`@fontsource/tinos:files/tinos-latin-400-normal.woff2`).
 * Unlike a path, it is the same in every install of the package and wherever
 * the case folder is, so a manifest that records it verifies anywhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Package roots already found, by folder: a manifest names a dozen files of the same two packages. */
const roots = new Map<string, { root: string; name: string } | null>();

/** `name:path/inside` for a file inside a package folder (the nearest package.json above it), else null. */
export function packageIdentity(file: string): string | null {
  const found = packageOf(path.dirname(path.resolve(file)));
  if (!found) return null;
  return `${found.name}:${path.relative(found.root, file).split(path.sep).join('/')}`;
}

function packageOf(dir: string): { root: string; name: string } | null {
  const known = roots.get(dir);
  if (known !== undefined) return known;
  let found: { root: string; name: string } | null = null;
  try {
    const { name } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof name === 'string' && name !== '') found = { root: dir, name };
  } catch {
    // No package.json here (or not one with a name): look further up.
  }
  if (!found) {
    const parent = path.dirname(dir);
    found = parent === dir ? null : packageOf(parent);
  }
  roots.set(dir, found);
  return found;
}

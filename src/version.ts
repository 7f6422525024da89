import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package version, stamped into PDFs and manifests. Read from the
 * package's own package.json, one or two folders up: dist/version.js when
 * used as a library, dist/bin/*.js in the bundled command.
 */
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    const file = new URL(relative, import.meta.url);
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (manifest.name === 'court-report') return manifest.version;
  }
  throw new Error('court-report cannot find its package.json');
}

export const VERSION: string = readVersion();

/**
 * The code itself, not only its version number: `npm run build` writes a
 * digest of everything it compiled to dist/build-id.txt. Sources run
 * directly (as the tests do) are digested here instead.
 */
function readBuildId(): string {
  for (const relative of ['./build-id.txt', '../build-id.txt']) {
    const file = new URL(relative, import.meta.url);
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  }
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (/\.[cm]?[jt]s$/.test(name)) hash.update(name).update(readFileSync(path.join(dir, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * What caches of derived results (validated definitions, counts) are keyed
 * by: a change to the code that derives them, released or not, makes them miss.
 */
export const CODE_VERSION = `${VERSION}+${readBuildId()}`;

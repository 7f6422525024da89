import { existsSync, readFileSync } from 'node:fs';

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

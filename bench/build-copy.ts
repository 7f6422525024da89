/**
 * A private copy of the built package for the benchmark to run. Others build
 * in the same checkout while a benchmark runs, and `npm run build` deletes
 * dist/ first: a run must neither fail halfway nor measure code that changed
 * under it. The copy keeps the package's layout (dist/, templates/, schema/,
 * package.json; node_modules linked), so the bin finds its templates and fonts
 * as it does when installed.
 */
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const PACKAGE_PARTS = ['dist', 'templates', 'schema', 'package.json'];

/** Copies the package into `dir`; returns the path of its `court-report` bin. */
export function copyBuild(root: string, dir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['court-report'];
  if (!bin || !existsSync(path.join(root, bin))) throw new Error(`package.json's bin ${bin} is not built; run npm run build`);
  rmSync(dir, { recursive: true, force: true });
  for (const part of PACKAGE_PARTS) {
    if (existsSync(path.join(root, part))) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return path.join(dir, bin);
}

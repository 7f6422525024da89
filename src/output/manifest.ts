/**
 * A final report's manifest: SHA-256 of every input (config, templates and
 * assets, snapshots) and output, so a filed report can be proved to come from
 * its inputs, and is never overwritten by accident.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST = 'manifest.json';

export interface FileDigest {
  /** Inputs: relative to the config's folder; outputs: the file name. */
  path: string;
  sha256: string;
}

/** The browser a PDF was printed with: another browser (or version) may print other bytes. */
export interface BrowserIdentity {
  executable: string;
  /** As the browser reports it, e.g. "HeadlessChrome/156.0.8078.108". */
  version: string;
}

export interface Manifest {
  tool: { name: 'court-report'; version: string };
  /** Absent when the report has no PDF. */
  printedWith?: BrowserIdentity;
  case: string;
  period: string;
  asOf: string;
  final: true;
  inputs: { config: FileDigest; templates: FileDigest[]; snapshots: FileDigest[] };
  outputs: FileDigest[];
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function digestFile(file: string, base: string): Promise<FileDigest> {
  return { path: path.relative(base, file).split(path.sep).join('/'), sha256: sha256(await readFile(file)) };
}

export async function digestFiles(files: Iterable<string>, base: string): Promise<FileDigest[]> {
  const unique = [...new Set(files)].sort();
  return Promise.all(unique.map((file) => digestFile(file, base)));
}

/** The manifest of a period's folder, or null when it has none (or it cannot be read as one). */
export async function readManifest(periodDir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(path.join(periodDir, MANIFEST), 'utf8');
  } catch {
    return null;
  }
  try {
    const manifest = JSON.parse(text) as Manifest;
    return manifest.final === true ? manifest : null;
  } catch {
    return null;
  }
}

export interface DigestChange {
  path: string;
  change: 'changed' | 'missing' | 'new';
}

/** How two lists of digests differ, by path. */
export function compareDigests(recorded: FileDigest[], actual: FileDigest[]): DigestChange[] {
  const now = new Map(actual.map((d) => [d.path, d.sha256]));
  const before = new Map(recorded.map((d) => [d.path, d.sha256]));
  const changes: DigestChange[] = [];
  for (const [file, digest] of before) {
    const current = now.get(file);
    if (current === undefined) changes.push({ path: file, change: 'missing' });
    else if (current !== digest) changes.push({ path: file, change: 'changed' });
  }
  for (const file of now.keys()) if (!before.has(file)) changes.push({ path: file, change: 'new' });
  return changes;
}

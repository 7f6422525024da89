/**
 * A final report's manifest: SHA-256 of every input (config, templates and
 * assets, snapshots) and output, so a filed report can be proved to come from
 * its inputs, and is never overwritten by accident.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageIdentity } from './package-identity.js';

export const MANIFEST = 'manifest.json';

export interface FileDigest {
  /**
   * Inputs: relative to the config's folder, or for a file bundled in a package (court-report's
   * templates, its fonts) the package's name and the path inside it (`court-report:templates/…`,
   * `@fontsource/tinos:files/…`), which is the same in every install; outputs: the file name.
   */
  path: string;
  sha256: string;
}

/** A snapshot read by a query: what was asked of which database, and the digest of the rows it gave. */
export interface QueryDigest {
  period: string;
  driver: string;
  /** Host/database or the SQLite file; never credentials. */
  database: string;
  query: string;
  parameters: Record<string, string>;
  /** SHA-256 of the typed records in key order. */
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
  inputs: {
    config: FileDigest;
    templates: FileDigest[];
    snapshots: FileDigest[];
    /** Snapshots read from a database, when the config has snapshots.sql. */
    queries?: QueryDigest[];
  };
  outputs: FileDigest[];
  /** Failures of review filed anyway (build --final --accept ID --reason TEXT). */
  accepted?: Array<{ id: string; message: string; reason: string }>;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function digestFile(file: string, base: string): Promise<FileDigest> {
  return { path: inputIdentity(file, base), sha256: sha256(await readFile(file)) };
}

/** A case's own files by their path from its config; anything else inside a package by the package's identity. */
export function inputIdentity(file: string, base: string): string {
  const relative = path.relative(base, file);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  return packageIdentity(file) ?? relative.split(path.sep).join('/');
}

export async function digestFiles(files: Iterable<string>, base: string): Promise<FileDigest[]> {
  const unique = [...new Set(files)].sort();
  return Promise.all(unique.map((file) => digestFile(file, base)));
}

/**
 * What a period's folder says about it: no manifest (a draft, or nothing yet); a filed report; or a
 * manifest.json that is there but is not a readable final manifest, which is still a filed
 * report, damaged: it is never taken for a draft and overwritten.
 */
export type FiledState = { state: 'draft' } | { state: 'filed'; manifest: Manifest } | { state: 'damaged'; file: string; reason: string };

export async function readManifest(periodDir: string): Promise<FiledState> {
  const file = path.join(periodDir, MANIFEST);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // No such file, or the period's "folder" is a file: there is no manifest (writing there fails, clearly).
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'draft' };
    return { state: 'damaged', file, reason: `it cannot be read (${(error as { code?: string }).code ?? String(error)})` };
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return { state: 'damaged', file, reason: 'it is not valid JSON' };
  }
  const problem = manifestProblem(manifest);
  return problem ? { state: 'damaged', file, reason: problem } : { state: 'filed', manifest: manifest as Manifest };
}

/** What makes a parsed manifest.json unusable as a record, or null when it is one. */
function manifestProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
  const m = value as Partial<Manifest>;
  if (m.final !== true) return 'it does not say "final": true';
  if (typeof m.asOf !== 'string' || typeof m.period !== 'string') return 'its period or as-of date is missing';
  if (!m.inputs || !m.inputs.config || !Array.isArray(m.inputs.templates) || !Array.isArray(m.inputs.snapshots)) return 'its list of inputs is incomplete';
  if (!Array.isArray(m.outputs)) return 'its list of outputs is missing';
  const digests = [m.inputs.config, ...m.inputs.templates, ...m.inputs.snapshots, ...m.outputs];
  if (!digests.every((d) => typeof d?.path === 'string' && /^[0-9a-f]{64}$/.test(String(d.sha256)))) return 'a file digest in it is malformed';
  return null;
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

/**
 * Finds a period's snapshot file among the configured path patterns, tried
 * in order (an agency may send 2025-01 as Excel and 2025-02 as CSV). When
 * none is there, the message names every path tried and any file beside
 * them that looks like the one meant (2025-02.xlsx beside a .csv pattern).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SnapshotSource } from '../../config/types.js';
import { displayPath } from '../../display-path.js';
import { UserError, type SourceLocation } from '../../errors.js';
import { present } from '../../present.js';

const MAX_SIMILAR = 5;

/** The paths a period's snapshot may be at, in the order they are tried. */
export function snapshotCandidates(source: SnapshotSource, period: string): string[] {
  return source.pathPatterns.map((pattern) => pattern.replaceAll('{period}', period));
}

/** The first candidate that exists, or undefined. */
export function findSnapshotFile(source: SnapshotSource, period: string): string | undefined {
  return snapshotCandidates(source, period).find(exists);
}

/** Every candidate that is there, each once: one is the snapshot, two are a question for the user. */
export function snapshotFilesThere(source: SnapshotSource, period: string): string[] {
  return [...new Set(snapshotCandidates(source, period).filter(exists))];
}

/** The period's snapshot file: the first pattern, with {period} filled in, that names a file. */
export function locateSnapshotFile(source: SnapshotSource, period: string, displayBase = process.cwd()): string {
  const tried = snapshotCandidates(source, period);
  const shown = (file: string) => displayPath(file, displayBase);
  // Whatever is there is taken: a folder, a device or a pipe at the path is refused by the reader, by name.
  const found = snapshotFilesThere(source, period);
  // Two exports of one month (an .xlsx and a re-sent .csv) may hold different
  // figures: which one was meant is the user's to say, never the order of the list.
  if (found.length > 1) {
    throw new UserError({
      location: source.pathLocations?.key,
      message: `${found.length} snapshots for ${period}: found ${found.map(shown).join(' and ')}, expected one`,
      hint: 'keep the export to report and move the other out of the folder (a list in snapshots.path is for months sent in different formats, one file each)',
    });
  }
  if (found[0] !== undefined) return found[0];
  const similar = similarFiles(tried);
  const expected = tried.length === 1 ? `expected ${shown(tried[0]!)}` : `tried ${tried.map(shown).join(', ')}`;
  throw new UserError({
    location: tried.length === 1 ? patternLocation(source, period, tried[0]!) : source.pathLocations?.key,
    message: `snapshot for ${period} not found: ${expected}`,
    hint:
      similar.length > 0
        ? `found ${similar.map(shown).join(', ')}: rename it, or add its pattern to snapshots.path (a list of paths is tried in order)`
        : 'add the file, or check snapshots.path in the config ({period} stands for the period, YYYY-MM)',
  });
}

/** Where in the config the pattern that names `file` for the period is written: snapshots.path, or its item in a list. */
export function patternLocation(source: SnapshotSource, period: string, file: string): SourceLocation | undefined {
  const locations = source.pathLocations;
  if (!locations) return undefined;
  const pattern = Object.keys(locations.patterns).find((candidate) => candidate.replaceAll('{period}', period) === file);
  return pattern === undefined ? locations.key : locations.patterns[pattern];
}

/**
 * A problem with a snapshot file the config's path names (a symbolic link that loops) told at
 * that path's line in the config, as every other problem the config causes is; the file is in the message.
 */
export function atPatternLine(error: UserError, source: SnapshotSource, period: string, file: string): UserError {
  const location = patternLocation(source, period, file);
  if (!location) return error;
  return new UserError(error.problems.map((problem) => (problem.location ? problem : { ...problem, location })), { cause: error.cause });
}

function exists(file: string): boolean {
  return present(file);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Files in the folders tried whose name is the expected one but for the
 * extension or the case. (Not typos: 2025-03.csv is one edit from 2025-02.csv.)
 */
function similarFiles(tried: readonly string[]): string[] {
  const similar = new Set<string>();
  for (const file of tried) {
    const dir = path.dirname(file);
    const expectedStem = stem(path.basename(file).toLowerCase());
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const lower = name.toLowerCase();
      if (stem(lower) === expectedStem && !tried.includes(path.join(dir, name)) && isFile(path.join(dir, name))) similar.add(path.join(dir, name));
    }
  }
  return [...similar].slice(0, MAX_SIMILAR);
}

function stem(name: string): string {
  const ext = path.extname(name);
  return ext === '' ? name : name.slice(0, -ext.length);
}

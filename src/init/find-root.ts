/**
 * Where the records are in a JSON or YAML export that wraps them
 * ({"data": {"items": [...]}}, as many APIs export): the path init writes to
 * snapshots.root, so the loaders read every later month from the same place.
 */
import { parse } from 'yaml';
import { UserError } from '../errors.js';
import { decodeSnapshotText } from '../snapshots/text.js';

/** Wrappers deeper than this are not an export's shape but its data. */
const MAX_DEPTH = 4;

/**
 * The property path to the list of records; [] when the document is the
 * list. A document holding several lists of records is refused, naming them:
 * picking one would be a guess at which records the report counts.
 */
export function findRecordsRoot(bytes: Uint8Array, shown: string, format: 'json' | 'yaml', given: string | undefined): string[] {
  if (given !== undefined) return given.split('.').filter((step) => step !== '');
  let document: unknown;
  try {
    const text = decodeSnapshotText(bytes, shown);
    document = format === 'json' ? JSON.parse(text) : parse(text, { maxAliasCount: 100 });
  } catch {
    // Unreadable as a whole: the loader reads it next and says where and why.
    return [];
  }
  if (Array.isArray(document)) return [];
  const found = listsOfRecords(document, []);
  if (found.length > 1) {
    throw new UserError({
      location: { file: shown },
      message: `holds ${found.length} lists of records: ${found.map((p) => p.join('.')).join(', ')}`,
      hint: `name the one the report counts with --root (e.g. --root ${found[0]!.join('.')})`,
    });
  }
  return found[0] ?? [];
}

function listsOfRecords(value: unknown, at: string[]): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || at.length >= MAX_DEPTH) return [];
  const found: string[][] = [];
  for (const [name, child] of Object.entries(value)) {
    if (Array.isArray(child)) {
      if (child.length > 0 && child.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) found.push([...at, name]);
    } else found.push(...listsOfRecords(child, [...at, name]));
  }
  return found;
}

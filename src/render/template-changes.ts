/**
 * Which files of a template folder change the bundled template: those read
 * from template.dir whose text differs from the bundled file of the same
 * name. A folder copied whole and left alone changes nothing; a partial the
 * bundled template lacks is new, not a change (it prints only where a
 * changed file includes it). The DOCX, which lays some parts out in Word,
 * follows or names these (docx/overrides.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemplateSource } from '../config/types.js';
import type { TemplateFileOrigin } from './template-files.js';

/** The partial names (layout and stylesheet included) whose file in template.dir differs from the bundled one. */
export async function changedFromBundled(origins: readonly TemplateFileOrigin[], texts: readonly string[], source: TemplateSource): Promise<string[]> {
  const bundled = source.fallbackDir;
  if (!bundled) return [];
  const changed: string[] = [];
  for (const [i, origin] of origins.entries()) {
    if (origin.folder !== source.dir || origin.partial === 'body') continue;
    const original = await readFile(join(bundled, origin.name), 'utf8').catch(() => null);
    if (original !== null && original !== texts[i]) changed.push(origin.partial);
  }
  return changed;
}

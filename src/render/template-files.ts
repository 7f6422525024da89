/**
 * Which file each part of a template comes from. A template folder of the
 * user's may hold only what it changes (say partials/caption.hbs): every file
 * it lacks, the layout, the stylesheet or any partial, is taken from the
 * fallback folder, the bundled template, so an override never means copying
 * the whole folder.
 */
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TemplateSource } from '../config/types.js';

export interface TemplateFileOrigin {
  /** The file's name within a template folder: layout.hbs, style.css, partials/caption.hbs; body.hbs for the body. */
  name: string;
  /** The partial it is registered as: layout, stylesheet, body, caption… */
  partial: string;
  /** Absolute path of the file read. */
  file: string;
  /** The folder it was taken from: the template folder, the fallback, or (for a body of its own) the body's folder. */
  folder: string;
  /** Rendered with the report view itself as its context (not a partial's). */
  rootContext: boolean;
}

export async function templateFiles(source: TemplateSource): Promise<TemplateFileOrigin[]> {
  const folders = source.fallbackDir && source.fallbackDir !== source.dir ? [source.dir, source.fallbackDir] : [source.dir];
  /** The first folder holding the file; the template folder itself when none does, so "not found" names it. */
  const pick = (name: string) => folders.find((folder) => existsSync(join(folder, name))) ?? source.dir;
  const fixed = [
    { name: 'layout.hbs', partial: 'layout' },
    { name: 'style.css', partial: 'stylesheet' },
  ].map(({ name, partial }) => {
    const folder = pick(name);
    return { name, partial, file: join(folder, name), folder, rootContext: true };
  });
  const bodyFolder = folders.find((folder) => join(folder, 'body.hbs') === source.body);
  const body = { name: bodyFolder ? 'body.hbs' : basename(source.body), partial: 'body', file: source.body, folder: bodyFolder ?? dirname(source.body), rootContext: true };

  // Each partial name once, from the first folder that has it; sorted so registration never depends on the file system's order.
  const partials = new Map<string, TemplateFileOrigin>();
  for (const folder of folders) {
    for (const file of await listPartials(join(folder, 'partials'))) {
      const partial = basename(file, '.hbs');
      if (!partials.has(partial)) partials.set(partial, { name: `partials/${partial}.hbs`, partial, file, folder, rootContext: false });
    }
  }
  const sorted = [...partials.values()].sort((a, b) => (a.partial < b.partial ? -1 : a.partial > b.partial ? 1 : 0));
  return [...fixed, body, ...sorted];
}


/** The .hbs files in a partials/ folder, sorted; none when the folder does not exist. */
async function listPartials(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((name) => name.endsWith('.hbs')).sort().map((name) => join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

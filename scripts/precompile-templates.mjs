/**
 * The bundled templates (templates/**: *.hbs and style.css) compiled by
 * Handlebars when the command line is built, as the module that replaces
 * src/render/precompiled-specs.ts in the bundle (scripts/bundle.mjs).
 *
 * Why: Handlebars compiles a template by writing JavaScript and evaluating
 * it, and on a cold process that took ~45 ms of the example's one-report
 * build, every build, for files that ship with the command. Compiled here,
 * they are part of the command line's own code (and of its V8 code cache).
 * Each is keyed by the SHA-256 of its text, so a file that differs from the
 * one compiled here (an edited copy, a user's folder) is compiled at run time
 * as before. Nothing is compiled from anything but the package's own files.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

/** The options src/render/engine.ts compiles with: what the runtime compile would make of the same text. */
export const COMPILE_OPTIONS = { strict: true };

/** [SHA-256 of the text, Handlebars' precompiled template as JavaScript source], for every template file under `dir`, sorted. */
export function precompiledTemplates(dir) {
  const specs = new Map();
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    if (!name.endsWith('.hbs') && path.basename(name) !== 'style.css') continue;
    const text = readFileSync(path.join(dir, name), 'utf8');
    specs.set(createHash('sha256').update(text).digest('hex'), Handlebars.precompile(text, { ...COMPILE_OPTIONS }));
  }
  return [...specs];
}

/** The module's source: `bundledSpecs`, a Map from text digest to template specification. */
export function precompiledSpecsModule(dir) {
  const entries = precompiledTemplates(dir).map(([digest, spec]) => `  [${JSON.stringify(digest)}, ${spec}],`);
  return `export const bundledSpecs = new Map([\n${entries.join('\n')}\n]);\n`;
}

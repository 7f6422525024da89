import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsedTemplates } from '../../src/render/parsed-templates.js';

const bundled = path.resolve(import.meta.dirname, '../../templates/court-status-report');
const texts = readdirSync(bundled, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.hbs'))
  .sort()
  .map((name) => readFileSync(path.join(bundled, name), 'utf8'));

let cacheHome: string;
let before: string | undefined;
beforeAll(() => {
  before = process.env.XDG_CACHE_HOME;
  cacheHome = mkdtempSync(path.join(os.tmpdir(), 'court-report-parsed-'));
  process.env.XDG_CACHE_HOME = cacheHome;
});
afterAll(() => {
  if (before === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = before;
  rmSync(cacheHome, { recursive: true, force: true });
});

describe('parsed templates are kept by content', () => {
  it('has nothing for texts never parsed, then every tree once kept', () => {
    const first = parsedTemplates(texts, Handlebars.VERSION);
    expect(first.trees.every((tree) => tree === undefined)).toBe(true);
    first.keep(texts.map((text) => Handlebars.parseWithoutProcessing(text)));
    const second = parsedTemplates(texts, Handlebars.VERSION);
    expect(second.trees.every((tree) => tree !== undefined)).toBe(true);
  });

  it('a kept tree compiles to the same code as the text parsed again', () => {
    const kept = parsedTemplates(texts, Handlebars.VERSION).trees;
    texts.forEach((text, i) => {
      expect(Handlebars.precompile(kept[i]!, { strict: true })).toBe(Handlebars.precompile(Handlebars.parseWithoutProcessing(text), { strict: true }));
    });
  });

  it('misses when any text changes, or the parser does', () => {
    const changed = [...texts.slice(0, -1), texts.at(-1) + ' '];
    expect(parsedTemplates(changed, Handlebars.VERSION).trees.every((tree) => tree === undefined)).toBe(true);
    expect(parsedTemplates(texts, '0.0.0').trees.every((tree) => tree === undefined)).toBe(true);
  });
});

/**
 * The bundled templates compiled when the command line is built
 * (scripts/precompile-templates.mjs) render exactly what compiling them at
 * run time renders; a file whose text differs from the one compiled is
 * compiled at run time.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript without types
import { precompiledTemplates, precompiledSpecsModule } from '../../scripts/precompile-templates.mjs';
import { compileTemplates } from '../../src/render/engine.js';
import type { TemplateSpecification } from '../../src/render/precompiled-specs.js';
import { firstReportView, reportView, source } from './fixture.js';

const templatesDir = path.resolve(import.meta.dirname, '../../templates');
const entries = precompiledTemplates(templatesDir) as Array<[string, string]>;
/** The specifications as the bundle holds them: JavaScript source, evaluated here as esbuild's output would be. */
const specs = new Map(entries.map(([digest, spec]) => [digest, new Function(`return ${spec}`)() as TemplateSpecification]));
const digest = (file: string) => createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex');

describe('precompiled bundled templates', () => {
  it('cover every template file the package ships, by the digest of its text', () => {
    const files = readdirSync(templatesDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.hbs') || path.basename(name) === 'style.css');
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(specs.has(digest(path.join(templatesDir, file))), file).toBe(true);
    expect(precompiledSpecsModule(templatesDir)).toMatch(/^export const bundledSpecs = new Map\(\[\n {2}\["[0-9a-f]{64}", \{/);
  });

  it('render the example byte for byte as the templates compiled at run time', async () => {
    const compiled = await compileTemplates(source, { precompiled: new Map() });
    const precompiled = await compileTemplates(source, { precompiled: specs });
    for (const view of [reportView(), firstReportView()]) {
      const expected = compiled.renderDocument(view);
      expect(precompiled.renderDocument(view)).toEqual(expected);
      expect(precompiled.renderFragment('body', view)).toEqual(compiled.renderFragment('body', view));
    }
  });

  it('are used only for the text they were compiled from', async () => {
    // The example's body is not a bundled file: compiled at run time, and its mistakes still point at it.
    expect(specs.has(digest(source.body))).toBe(false);
    const marker = new Map([...specs].map(([key, spec]) => [key, { ...spec, main: () => 'PRECOMPILED' } as TemplateSpecification]));
    const report = await compileTemplates(source, { precompiled: marker });
    const html = report.render(reportView());
    // The layout is bundled (its stand-in rendered); with a spec for no file, the real layout renders.
    expect(html).toContain('PRECOMPILED');
    const none = await compileTemplates(source, { precompiled: new Map([['0'.repeat(64), specs.values().next().value!]]) });
    expect(none.render(reportView())).not.toContain('PRECOMPILED');
  });
});

/** A declaration filed alone carries one title: its heading, its <title> (the PDF's), its footer's. */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../e2e/cli.js';

it('a declaration whose template.title is given is headed by that title, as its footer and PDF properties are', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-declaration-title-'));
  await cp(path.resolve('test/fixtures/kinds'), dir, { recursive: true });
  const config = path.join(dir, 'report.yaml');
  const text = await readFile(config, 'utf8');
  await writeFile(config, text.replace('  kind: declaration\n', '  kind: declaration\n  title: SUPPLEMENTAL DECLARATION OF THE DIRECTOR\n'));
  const result = await cli(['build', '--config', config, '--period', '2024-05', '--html-only', '--as-of', '2024-06-30', '--out', path.join(dir, 'out')], { cwd: dir });
  expect(result.stderr).toBe('');
  const html = await readFile(path.join(dir, 'out', '2024-05', 'report.html'), 'utf8');
  expect(html.match(/<h1 class="document-title">([^<]*)<\/h1>/)?.[1]).toBe('SUPPLEMENTAL DECLARATION OF THE DIRECTOR');
  expect(html).toContain('<title>SUPPLEMENTAL DECLARATION OF THE DIRECTOR');
});

/** The example's HTML, snapshot-tested: any change to the output shows up as a diff. */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { cli, exampleConfig } from './cli.js';

it('renders the example\'s May 2024 report exactly as before', async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-html-'));
  const result = await cli(['build', '--config', exampleConfig, '--period', '2024-05', '--html-only', '--out', out, '--as-of', '2024-06-14']);
  expect(result.code).toBe(0);
  const html = await readFile(path.join(out, '2024-05', 'report.html'), 'utf8');
  await expect(html).toMatchFileSnapshot('./__snapshots__/florida-v-mayorkas-2024-05.html');
});

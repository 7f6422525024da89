/** A template folder that holds only the files it changes; the rest come from the bundled template. */
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, root } from './cli.js';

let dir: string;
let config: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-fallback-'));
  await cp(path.join(root, 'data/florida-v-mayorkas'), dir, { recursive: true });
  config = path.join(dir, 'report.yaml');
  const yaml = await readFile(config, 'utf8');
  await writeFile(config, yaml.replace('template:\n  body: body.hbs\n', 'template:\n  dir: my-template\n  body: body.hbs\n'));
  await mkdir(path.join(dir, 'my-template/partials'), { recursive: true });
  await writeFile(path.join(dir, 'my-template/partials/caption.hbs'), '<header class="caption"><p>OUR OWN CAPTION for {{case.captionNumber}}</p></header>\n');
});

describe('a template folder with only a caption partial', () => {
  it('builds, with its caption and the bundled layout, partials and style', async () => {
    const out = path.join(dir, 'out');
    const result = await cli(['build', '--config', config, '--period', '2024-05', '--html-only', '--out', out, '--as-of', '2024-06-14']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = await readFile(path.join(out, '2024-05/report.html'), 'utf8');
    expect(html).toContain('OUR OWN CAPTION for 3:23-cv-9962-TKW-ZCB');
    expect(html).not.toContain('PENSACOLA DIVISION');
    // The bundled signature, certificate and stylesheet are still there.
    expect(html).toContain('/s/ Jane Q. Placeholder');
    expect(html).toContain('CERTIFICATE OF SERVICE');
    expect(html).toContain('@page');
  });

  it('validate names the folder each file comes from', async () => {
    const result = await cli(['validate', '--config', config, '--as-of', '2024-06-14'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const line = (name: string) => lines.find((l) => l.trim().startsWith(`${name} `)) ?? '';
    expect(line('partials/caption.hbs')).toMatch(/template\.dir\s+my-template\/partials\/caption\.hbs$/);
    expect(line('layout.hbs')).toMatch(/bundled\s+\S*templates\/court-status-report\/layout\.hbs$/);
    expect(line('style.css')).toMatch(/bundled\s+/);
    expect(line('partials/signature.hbs')).toMatch(/bundled\s+/);
    expect(line('body.hbs')).toMatch(/template\.body\s+body\.hbs$/);
  });
});

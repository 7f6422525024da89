/** Filed reports are records: manifest, no overwrite without --force, verify. */
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/output/manifest.js';
import { cli, root } from './cli.js';

const asOf = '2024-06-14';
let caseDir: string;
let config: string;
let out: string;

async function hashes(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) result[name] = sha256(await readFile(path.join(dir, name)));
  return result;
}

beforeAll(async () => {
  caseDir = await mkdtemp(path.join(os.tmpdir(), 'court-report-records-'));
  await cp(path.join(root, 'data/florida-v-mayorkas'), caseDir, { recursive: true });
  config = path.join(caseDir, 'report.yaml');
  out = path.join(caseDir, 'out');
  const built = await cli(['build', '--config', config, '--period', '2024-05', '--out', out, '--as-of', asOf, '--final']);
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
}, 60_000);

describe('build --final', () => {
  it('writes a manifest of every input and output', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, '2024-05', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ tool: { name: 'court-report' }, case: 'florida-v-mayorkas', period: '2024-05', asOf, final: true });
    expect(manifest.inputs.config).toEqual({ path: 'report.yaml', sha256: sha256(await readFile(config)) });
    // Current, prior and every earlier period feed the trend chart.
    expect(manifest.inputs.snapshots.map((s: { path: string }) => s.path)).toHaveLength(12);
    expect(manifest.inputs.snapshots[11]).toEqual({ path: 'snapshots/2024-05.csv', sha256: sha256(await readFile(path.join(caseDir, 'snapshots/2024-05.csv'))) });
    expect(manifest.inputs.templates.map((t: { path: string }) => path.basename(t.path))).toEqual(expect.arrayContaining(['body.hbs', 'layout.hbs', 'style.css', 'caption.hbs']));
    const files = await hashes(path.join(out, '2024-05'));
    expect(manifest.outputs).toEqual(
      ['diff.json', 'metrics.json', 'report.html', 'report.pdf'].map((name) => ({ path: name, sha256: files[name] })),
    );
    // Another browser may print other bytes: the manifest says which printed these.
    expect(manifest.printedWith).toEqual({ executable: '/usr/bin/chromium-headless-shell', version: expect.stringMatching(/^HeadlessChrome\/\d+\./) });
  });

  it('prints no DRAFT watermark, but the config\'s own one', async () => {
    const html = await readFile(path.join(out, '2024-05', 'report.html'), 'utf8');
    expect(html).toContain('<div class="watermark" aria-hidden="true">SAMPLE — SYNTHETIC DATA</div>');
    expect(html).not.toContain('>DRAFT<');
  });

  it('refuses to overwrite a filed period without --force, leaving it unchanged', async () => {
    const before = await hashes(path.join(out, '2024-05'));
    const again = await cli(['build', '--config', config, '--period', '2024-05', '--out', out, '--as-of', '2024-07-01', '--html-only']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not overwriting a filed report: 2024-05 (final, as of 2024-06-14)');
    expect(again.stderr).toContain('--force');
    expect(await hashes(path.join(out, '2024-05'))).toEqual(before);
  });

  it('verify passes on an untouched period', async () => {
    const result = await cli(['verify', '--config', config, '--period', '2024-05', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2024-05: verified.');
    expect(result.stdout).toContain('match the filed ones byte for byte: diff.json, metrics.json, report.html, report.pdf');
  }, 60_000);

  it('verify prints with the browser the report was filed with, and says so when it cannot', async () => {
    const desktopOut = path.join(caseDir, 'out-desktop');
    const desktop = { PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium' };
    const built = await cli(['build', '--config', config, '--period', '2024-05', '--out', desktopOut, '--as-of', asOf, '--final'], { env: desktop });
    expect(built.code).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(desktopOut, '2024-05', 'manifest.json'), 'utf8'));
    expect(manifest.printedWith.executable).toBe('/usr/bin/chromium');

    // The headless shell comes first on this machine, but the recorded browser is used.
    const verified = await cli(['verify', '--config', config, '--period', '2024-05', '--out', desktopOut]);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toContain('2024-05: verified.');

    const other = await cli(['verify', '--config', config, '--period', '2024-05', '--out', desktopOut], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium-headless-shell' },
    });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`printed with ${manifest.printedWith.version} (/usr/bin/chromium) when filed, with `);
    expect(other.stderr).toContain('(/usr/bin/chromium-headless-shell) now');
    expect(other.stderr).toContain('install the one it was filed with, or point PUPPETEER_EXECUTABLE_PATH at it');
  }, 120_000);

  it('verify names the snapshot that changed and the outputs that differ', async () => {
    const file = path.join(caseDir, 'snapshots/2024-05.csv');
    const text = await readFile(file, 'utf8');
    // One more person checks in: a figure of the report changes.
    const lines = text.split('\n');
    const index = lines.findIndex((l, i) => i > 0 && /^[^,]+,[^,]*,[^,]*,,/.test(l));
    lines[index] = lines[index]!.replace(/^([^,]+,[^,]*,[^,]*),,/, '$1,2024-05-20,');
    await writeFile(file, lines.join('\n'));
    try {
      const result = await cli(['verify', '--config', config, '--period', '2024-05', '--out', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('snapshot changed since filing: snapshots/2024-05.csv (changed)');
      expect(result.stderr).toContain('rebuilt output differs from the filed one: metrics.json (changed)');
      expect(result.stderr).toContain('rebuilt output differs from the filed one: report.pdf (changed)');
      expect(result.stderr).not.toContain('filed output no longer matches');
    } finally {
      await writeFile(file, text);
    }
  }, 60_000);

  it('verify notices a filed output edited by hand', async () => {
    const file = path.join(out, '2024-05', 'metrics.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"value": 340', '"value": 339'));
    try {
      const result = await cli(['verify', '--config', config, '--period', '2024-05', '--out', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('filed output no longer matches its manifest: metrics.json (changed)');
      expect(result.stderr).not.toContain('snapshot changed');
    } finally {
      await writeFile(file, text);
    }
  }, 60_000);

  it('--force replaces a filed period', async () => {
    const result = await cli(['build', '--config', config, '--period', '2024-05', '--out', out, '--as-of', asOf, '--html-only', '--force']);
    expect(result.code).toBe(0);
    expect(await readdir(path.join(out, '2024-05'))).toContain('report.html');
  });
});

describe('draft, sample and final', () => {
  it('marks every page DRAFT until --final, and prints no watermark in a final report', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-draft-'));
    await cp(path.join(root, 'data/florida-v-mayorkas'), dir, { recursive: true });
    const file = path.join(dir, 'report.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^ {2}watermark: .*$/m, '  pdf: true'));
    const out = path.join(dir, 'out');
    const args = ['build', '--config', file, '--period', '2024-05', '--as-of', asOf, '--html-only'];
    expect((await cli([...args, '--out', path.join(out, 'draft')])).code).toBe(0);
    expect(await readFile(path.join(out, 'draft', '2024-05', 'report.html'), 'utf8')).toContain('<div class="watermark" aria-hidden="true">DRAFT</div>');
    expect((await cli([...args, '--out', path.join(out, 'final'), '--final'])).code).toBe(0);
    expect(await readFile(path.join(out, 'final', '2024-05', 'report.html'), 'utf8')).not.toContain('class="watermark"');
  });
});

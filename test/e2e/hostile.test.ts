/**
 * Hostile data and templates: markup in data prints as text, the printed page
 * fetches nothing, and personal data (pii) is never printed in full.
 */
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, pdfText, root } from './cli.js';

/** A copy of the example whose body and snapshots a test may change. */
async function exampleCopy(): Promise<{ dir: string; config: string; out: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-hostile-'));
  await cp(path.join(root, 'data/florida-v-mayorkas'), dir, { recursive: true });
  return { dir, config: path.join(dir, 'report.yaml'), out: path.join(dir, 'out') };
}

async function editFile(file: string, edit: (text: string) => string): Promise<void> {
  await writeFile(file, edit(await readFile(file, 'utf8')));
}

const build = (config: string, out: string, ...extra: string[]) =>
  cli(['build', '--config', config, '--period', '2024-05', '--out', out, '--as-of', '2024-06-14', ...extra]);

describe('hostile input', () => {
  it('prints markup from a snapshot as text, in the HTML and the PDF', async () => {
    const { dir, config, out } = await exampleCopy();
    await editFile(path.join(dir, 'snapshots/2024-05.csv'), (t) => t.replaceAll(',Venezuela,', ',"<img src=x onerror=alert(1)>",'));
    const result = await build(config, out);
    expect(result.stderr).toBe('');
    const html = await readFile(path.join(out, '2024-05/report.html'), 'utf8');
    // Handlebars escapes = too; the point is that no tag reaches the document.
    expect(html.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;')).toBe(true);
    expect(html.includes('<img src=x')).toBe(false);
    expect(await pdfText(path.join(out, '2024-05/report.pdf'))).toContain('<img src=x onerror=alert(1)>');
  }, 60_000);

  it('blocks any fetch from the printed page, fails naming the URL, and the server sees nothing', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/logo.png`;
    try {
      const { dir, config, out } = await exampleCopy();
      await editFile(path.join(dir, 'body.hbs'), (t) => `<p><img src="${url}" alt="seal"></p>\n${t}`);
      const result = await build(config, out);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`the document tried to fetch a resource; reports may not load anything: got "${url}"`);
      expect(requests).toEqual([]);
      expect(await readdir(out).catch(() => [])).toEqual([]);
    } finally {
      server.close();
    }
  }, 60_000);

  it('blocks files outside the document too', async () => {
    const { dir, config, out } = await exampleCopy();
    await editFile(path.join(dir, 'body.hbs'), (t) => `<p><img src="file:///etc/hostname" alt=""></p>\n${t}`);
    const result = await build(config, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('file:///etc/hostname');
  }, 60_000);

  it('masks groups of a pii field in the report and in metrics.json', async () => {
    const { dir, config, out } = await exampleCopy();
    await editFile(config, (t) => t.replace('metrics:\n', 'metrics:\n  perPerson: { label: Records per A-number, groupBy: aNumber, top: 3 }\n'));
    const result = await build(config, out, '--html-only');
    expect(result.stderr).toBe('');
    const metrics = JSON.parse(await readFile(path.join(out, '2024-05/metrics.json'), 'utf8'));
    const groups = Object.keys(metrics.metrics.perPerson.value);
    expect(groups).toHaveLength(4);
    for (const group of groups.slice(0, 3)) expect(group).toMatch(/^\*{4}\d{4}( \(\d+\))?$/);
    // Each A-number is one person: two that end alike are two groups of 1, not one of 2.
    expect(Object.values(metrics.metrics.perPerson.value).slice(0, 3)).toEqual([1, 1, 1]);
    const diff = JSON.parse(await readFile(path.join(out, '2024-05/diff.json'), 'utf8'));
    for (const key of diff.changed) expect(key).toMatch(/^\*{4}\d{4}$/);
  });

  it('refuses to write a report that would print a raw pii value, naming the field and masked key', async () => {
    const { dir, config, out } = await exampleCopy();
    const csv = await readFile(path.join(dir, 'snapshots/2024-05.csv'), 'utf8');
    const aNumber = csv.split('\n')[5]!.split(',')[0]!;
    await editFile(path.join(dir, 'body.hbs'), (t) => `<p>See the file of ${aNumber}.</p>\n${t}`);
    const result = await build(config, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the aNumber of record ****${aNumber.slice(-4)} would be printed in full ("****") in paragraph 1, written in ${path.join(dir, 'body.hbs')}:1`);
    expect(result.stderr).not.toContain(aNumber);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });

  it('treats a record key of __proto__ or constructor as plain data', async () => {
    const { dir, config, out } = await exampleCopy();
    await editFile(path.join(dir, 'snapshots/2024-05.csv'), (t) => {
      const lines = t.split('\n');
      lines[1] = lines[1]!.replace(/^[^,]+/, '__proto__');
      lines[2] = lines[2]!.replace(/^[^,]+/, 'constructor');
      return lines.join('\n');
    });
    const result = await build(config, out, '--html-only');
    expect(result.stderr).toBe('');
    const diff = JSON.parse(await readFile(path.join(out, '2024-05/diff.json'), 'utf8'));
    expect(diff.counts).toMatchObject({ added: 2, removed: 2 });
  });
});

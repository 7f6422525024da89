/**
 * The PDF a clerk accepts: checked with qpdf and poppler, the way a court's
 * intake or a reviewer would, plus page images kept as test artifacts.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, exampleConfig, pdfInfo, pdfText, root } from './cli.js';

const run = promisify(execFile);
const artifacts = path.join(root, 'test/artifacts');
let pdf: string;

beforeAll(async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-pdf-'));
  const result = await cli(['build', '--config', exampleConfig, '--period', '2024-05', '--out', out, '--as-of', '2024-06-14']);
  expect(result.code).toBe(0);
  pdf = path.join(out, '2024-05', 'report.pdf');
}, 60_000);

describe('the example\'s PDF', () => {
  it('passes qpdf --check', async () => {
    const { stdout } = await run('qpdf', ['--check', pdf]);
    expect(stdout).toContain('No syntax or stream encoding errors found');
  });

  it('embeds every font, and only the bundled Tinos', async () => {
    const { stdout } = await run('pdffonts', [pdf]);
    const fonts = stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      const [name, , , , emb] = font.split(/\s+/).filter((_, i, all) => i === 0 || i >= all.length - 6);
      expect(name, font).toMatch(/\+Tinos-/);
      expect(emb, font).toBe('yes');
    }
  });

  it('has Letter pages, tagged, with title, author, subject and keywords', async () => {
    const info = await pdfInfo(pdf);
    expect(info['Page size']).toBe('612 x 792 pts (letter)');
    expect(info.Tagged).toBe('yes');
    expect(info.Encrypted).toBe('no');
    expect(info.JavaScript).toBe('no');
    expect(info.Title).toBe("DEFENDANTS' STATUS REPORT — May 2024");
    expect(info.Author).toBe('Jane Q. Placeholder');
    expect(info.Subject).toContain('No. 3:23-cv-9962-TKW-ZCB');
    expect(info.Keywords).toContain('3:23-cv-9962-TKW-ZCB');
    expect(info.CreationDate).toBe(info.ModDate);
    // Courts cap filings at 35–50 MB.
    expect(Number(info['File size']!.split(' ')[0])).toBeLessThan(2_000_000);
  });

  it('has a bookmark outline: title, certificate of service, exhibit', async () => {
    const { stdout } = await run('qpdf', ['--json', '--json-key=outlines', pdf], { maxBuffer: 16 * 1024 * 1024 });
    type Outline = { title: string; kids: Outline[] };
    // A no-break space keeps the words of a two-line heading apart in its bookmark.
    const titles = (items: Outline[]): string[] => items.flatMap((o) => [o.title.replace(/\u00a0/g, ' '), ...titles(o.kids)]);
    expect(titles(JSON.parse(stdout).outlines as Outline[])).toEqual([
      "DEFENDANTS' STATUS REPORT",
      'CERTIFICATE OF SERVICE',
      'EXHIBIT A Detailed tables for the period',
    ]);
  });

  it('carries no JavaScript, actions, attachments or encryption', async () => {
    const { stdout } = await run('qpdf', ['--qdf', '--object-streams=disable', pdf, '-'], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
    for (const key of ['/JavaScript', '/JS ', '/Encrypt', '/EmbeddedFile', '/Launch', '/RichMedia', '/OpenAction', '/AA ']) {
      expect(stdout.includes(key), key).toBe(false);
    }
  });

  it('sets the body at 14 pt', async () => {
    const { stdout } = await run('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-']);
    const word = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Pursuant<\/word>/.exec(stdout)!;
    // poppler's word box is the font's ascent + descent: (1825 + 443) / 2048 of the size for Tinos.
    const size = (Number(word[2]) - Number(word[1])) / ((1825 + 443) / 2048);
    expect(size).toBeCloseTo(14, 1);
  });

  it('is saved as page images for review (test/artifacts)', async () => {
    await mkdir(artifacts, { recursive: true });
    await run('pdftoppm', ['-png', '-r', '60', pdf, path.join(artifacts, 'florida-v-mayorkas-2024-05-page')]);
    const pages = Number((await pdfInfo(pdf)).Pages);
    const images = (await readdir(artifacts)).filter((f) => f.startsWith('florida-v-mayorkas-2024-05-page'));
    expect(images).toHaveLength(pages);
  });
});

describe('the browsers court-report looks for first', () => {
  it('print the same pages: Chromium\'s headless shell and the desktop Chromium', async () => {
    const browsers = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
    const printed: Array<{ text: string; pages: Buffer[] }> = [];
    for (const browser of browsers) {
      const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-browser-'));
      const result = await cli(['build', '--config', exampleConfig, '--period', '2024-05', '--out', out, '--as-of', '2024-06-14'], {
        env: { PUPPETEER_EXECUTABLE_PATH: browser },
      });
      expect(result.stderr, `${browser} (apt-get install chromium-headless-shell chromium)`).toBe('');
      const file = path.join(out, '2024-05', 'report.pdf');
      await run('pdftoppm', ['-png', '-r', '60', file, path.join(out, 'page')]);
      const images = (await readdir(out)).filter((name) => name.startsWith('page')).sort();
      printed.push({ text: await pdfText(file), pages: await Promise.all(images.map((name) => readFile(path.join(out, name)))) });
    }
    const [shell, desktop] = printed as [(typeof printed)[0], (typeof printed)[0]];
    expect(shell.pages).toHaveLength(7);
    expect(desktop.text).toBe(shell.text);
    expect(desktop.pages.length).toBe(shell.pages.length);
    desktop.pages.forEach((image, i) => expect(image.equals(shell.pages[i]!), `page ${i + 1}`).toBe(true));
  });
});

describe('a long exhibit table', () => {
  it('repeats its header on every page and never splits a row', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-long-'));
    await cp(path.join(root, 'data/florida-v-mayorkas'), dir, { recursive: true });
    const config = path.join(dir, 'report.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('metrics:\n', 'metrics:\n  byCountry: { label: All countries, groupBy: nationality }\n'));
    await writeFile(
      path.join(dir, 'body.hbs'),
      '<p>Every country is listed in Exhibit A.</p>\n{{#exhibit "All countries"}}{{> group-table metric=(lookupMetric "byCountry") heading="Country of citizenship"}}{{/exhibit}}\n',
    );
    const out = path.join(dir, 'out');
    const result = await cli(['build', '--config', config, '--period', '2024-05', '--out', out, '--as-of', '2024-06-14']);
    expect(result.stderr).toBe('');
    const file = path.join(out, '2024-05', 'report.pdf');
    const metrics = JSON.parse(await readFile(path.join(out, '2024-05', 'metrics.json'), 'utf8'));
    const countries = Object.keys(metrics.metrics.byCountry.value);
    expect(countries).toHaveLength(46);

    const pages = Number((await pdfInfo(file)).Pages);
    const exhibitPages: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const text = await pdfText(file, page);
      if (text.includes('All countries') || exhibitPages.length > 0) exhibitPages.push(text);
    }
    expect(exhibitPages.length).toBeGreaterThanOrEqual(2);
    for (const text of exhibitPages) expect(text).toMatch(/Country of citizenship\s+May 31, 2024\s+Apr 30, 2024\s+Change/);
    // Each country's row (name, then its figures) sits whole on one page.
    for (const country of countries) {
      const value = (metrics.metrics.byCountry.value[country] as number).toLocaleString('en-US');
      const holding = exhibitPages.filter((text) => text.split('\n').some((line) => line.startsWith(country + ' ') && line.includes(` ${value} `)));
      expect(holding, country).toHaveLength(1);
    }
  }, 60_000);
});

describe('PDF bytes that depend only on the document', () => {
  it('renumbers Chrome\'s DOM node ids, so a page that printed before gives the same bytes', async () => {
    const { stampPdf } = await import('../../src/pdf/metadata.js');
    const chrome = (ids: number[]) =>
      Buffer.from(
        `%PDF-1.4\n1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261128020218+00'00')\n/ModDate (D:20261128020218+00'00')>>\nendobj\n` +
          `2 0 obj\n<</Type /Catalog>>\nendobj\n3 0 obj\n<</ID (node${String(ids[0]).padStart(8, '0')})\n/Headers [(node${String(ids[1]).padStart(8, '0')})]>>\nendobj\n` +
          `4 0 obj\n<</Length 20>>\nstream\n(node00000999) Tj...\nendstream\nendobj\n` +
          `xref\n0 5\n0000000000 65535 f \ntrailer\n<</Size 5\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n300\n%%EOF\n`,
        'latin1',
      );
    const properties = { title: 'T', author: 'A', subject: 'S', keywords: ['k'], creator: 'c', date: '2024-06-14' };
    const fresh = stampPdf(chrome([40, 45]), properties);
    const reused = stampPdf(chrome([1040, 1045]), properties);
    expect(Buffer.from(reused).equals(Buffer.from(fresh))).toBe(true);
    const text = Buffer.from(fresh).toString('latin1');
    expect(text).toContain('/ID (node00000001)');
    expect(text).toContain('/Headers [(node00000002)]');
    // Stream data is never touched.
    expect(text).toContain('(node00000999) Tj');
    expect(text).toContain("/CreationDate (D:20240614120000+00'00')");
  });
});

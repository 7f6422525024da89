/**
 * Local rules through the CLI: a case of another shape than the example,
 * filed as a declaration on N.D. Cal. pleading paper (Civil L.R. 3-4), read
 * back word by word with the positions poppler gives; and the captions of
 * S.D.N.Y. and D.D.C.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, pdfText, root } from './cli.js';
import { isLineNumber, words } from './pdf-words.js';

const asOf = '2024-06-14';
let pdf: string;

beforeAll(async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-local-rules-'));
  // --final: no DRAFT watermark, whose rotated letters would be words off the lines.
  const result = await cli(['build', '--config', path.join(root, 'test/fixtures/kinds/report.yaml'), '--period', '2024-05', '--out', out, '--as-of', asOf, '--final']);
  expect(result.stderr).toBe('');
  pdf = path.join(out, '2024-05/report.pdf');
}, 120_000);

describe('localRules: nd-cal, a declaration on pleading paper', () => {
  it('opens page 1 with counsel\'s block on lines 1–7 and the court\'s title on line 8', async () => {
    const { words: all } = await words(pdf);
    const page1 = all.filter((w) => w.page === 1);
    const lineOf = (text: string) => {
      const word = page1.find((w) => w.text === text && !isLineNumber(w))!;
      return page1.find((n) => isLineNumber(n) && Math.abs(n.y - word.y) < 0.5)?.text;
    };
    expect(lineOf('Alex')).toBe('1');
    expect(lineOf('Attorneys')).toBe('7');
    expect(lineOf('UNITED')).toBe('8');
  });

  it('numbers 28 lines on every page, and every line of text sits on one of them', async () => {
    const { words: all, pageHeight } = await words(pdf);
    const pages = Math.max(...all.map((w) => w.page));
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page++) {
      const numbers = all.filter((w) => w.page === page && isLineNumber(w));
      expect(numbers.map((n) => n.text), `page ${page}`).toEqual(Array.from({ length: 28 }, (_, i) => String(i + 1)));
      const lastLine = numbers[27]!.y;
      // The footer (below the 28th line) is outside the numbered area.
      const text = all.filter((w) => w.page === page && !isLineNumber(w) && w.y <= lastLine + 1 && w.y < pageHeight);
      const off = text.filter((w) => !numbers.some((n) => Math.abs(n.y - w.y) < 0.5));
      expect(off.map((w) => `${w.text} at ${w.y.toFixed(1)}`), `page ${page}`).toEqual([]);
    }
  });

  it('has the document\'s title and the case number in the footer of every page', async () => {
    const { stdout } = await promisify(execFile)('pdfinfo', [pdf]);
    const pages = Number(/Pages:\s+(\d+)/.exec(stdout)![1]);
    for (let page = 1; page <= pages; page++) {
      const text = await pdfText(pdf, page);
      expect(text, `page ${page}`).toContain('DECLARATION OF MORGAN OFFICIAL');
      expect(text, `page ${page}`).toContain('Case No. 3:24-cv-01234-ABC');
    }
  });

  it('prints the caption in the ")" column style, in 12-point type', async () => {
    const html = await readFile(pdf.replace('report.pdf', 'report.html'), 'utf8');
    expect(html).toContain('class="caption caption-paren"');
    expect(html).toMatch(/html \{\s*font-family: Tinos, serif;\s*font-size: 12pt;/);
    const page1 = (await pdfText(pdf, 1)).split('\n');
    expect(page1.filter((line) => line.trim() === ')').length).toBeGreaterThanOrEqual(5);
  });

  it('reads as a declaration: "I, <name>, declare", the § 1746 jurat, executed on the filing date', async () => {
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('I, Morgan Official, declare as follows:');
    expect(text).toContain('I declare under penalty of perjury that the foregoing is true and correct.');
    expect(text).toContain('Executed on June 14, 2024 in San Francisco, California.');
  });
});

describe('the captions of other districts', () => {
  async function html(localRules: string, extra = ''): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-rules-'));
    await cp(path.join(root, 'test/fixtures/kinds'), dir, { recursive: true });
    const config = path.join(dir, 'report.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('localRules: nd-cal', `localRules: ${localRules}${extra}`));
    const result = await cli(['build', '--config', config, '--period', '2024-05', '--html-only', '--as-of', asOf, '--out', path.join(dir, 'out')]);
    expect(result.stderr).toBe('');
    return readFile(path.join(dir, 'out/2024-05/report.html'), 'utf8');
  }

  it('sdny: the parties between dashed rules ending in x, "- against -", 12 pt double-spaced, 1-inch margins', async () => {
    const page = await html('sdny');
    expect(page).toContain('class="caption caption-x-box"');
    expect(page).toContain('<p class="versus">- against -</p>');
    expect(page).toMatch(/margin: 1in;/);
    expect(page).toMatch(/font-size: 12pt;\s*line-height: 1\.15/);
    expect(page).toMatch(/\.opening,\s*\.paragraphs > p,\s*\.certificate \.statement \{\s*line-height: 2;/);
    expect(page).not.toContain('counsel-block');
  });

  it('ddc: the ")" column caption with "Civil Action No."', async () => {
    const page = await html('ddc');
    expect(page).toContain('class="caption caption-paren"');
    expect(page).toContain('Civil Action No. <span class="number">3:24-cv-01234-ABC</span>');
  });

  it('the README\'s S.D.N.Y. and D.D.C. cases build with their courts\' captions', async () => {
    for (const [court, caption, number] of [['sdny', 'caption-x-box', 'No. <span class="number">1:24-cv-05678-ABC'], ['ddc', 'caption-paren', 'Civil Action No. <span class="number">1:24-cv-00987-ABC']] as const) {
      const out = await mkdtemp(path.join(os.tmpdir(), `court-report-${court}-`));
      const result = await cli(['build', '--config', path.join(root, `test/fixtures/kinds/${court}.yaml`), '--period', '2024-05', '--html-only', '--as-of', asOf, '--out', out]);
      expect(result.stderr).toBe('');
      const page = await readFile(path.join(out, '2024-05/report.html'), 'utf8');
      expect(page).toContain(`class="caption ${caption}"`);
      expect(page).toContain(number);
      expect(page).toContain(court === 'sdny' ? 'SOUTHERN DISTRICT OF NEW YORK' : 'DISTRICT OF COLUMBIA');
    }
  });

  it('a config\'s own output.format values override its preset', async () => {
    const page = await html('sdny', '\n  format: { fontSizePt: 13 }');
    expect(page).toMatch(/font-size: 13pt;\s*line-height: 1\.15/);
    expect(page).toContain('class="caption caption-x-box"');
  });
});

describe('several filers and service by mail', () => {
  it('signs with each co-counsel\'s block and certifies mail service to the parties named', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-filers-'));
    await cp(path.join(root, 'test/fixtures/kinds'), dir, { recursive: true });
    const config = path.join(dir, 'report.yaml');
    const yaml = (await readFile(config, 'utf8'))
      .replace('kind: declaration', "kind: status-report\n  title: DEFENDANT'S STATUS REPORT\n  serviceByMail:\n    - { name: 'John Roe, pro se', address: ['12 Sample Road', 'Oakland, CA 94601'] }")
      .replace(/filer:\n((?: {2}.*\n)+)/, (_, block: string) => `filer:\n  - ${block.trimStart().replace(/\n {2}/g, '\n    ')}  - name: Blair Cocounsel\n    barNumber: Cal. Bar No. 654321\n    office: Example Co-Counsel LLP\n    address: [1 Sample Plaza, "San Jose, CA 95113"]\n    email: blair@example.invalid\n    phone: (408) 555-0100\n    represents: Attorneys for Defendant\n`)
      .replace('localRules: nd-cal', 'localRules: nd-cal\n  format: { coCounsel: side-by-side }');
    await writeFile(config, yaml);
    const result = await cli(['build', '--config', config, '--period', '2024-05', '--as-of', asOf, '--out', path.join(dir, 'out'), '--final']);
    expect(result.stderr).toBe('');
    const text = (await pdfText(path.join(dir, 'out/2024-05/report.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('/s/ Alex Counsel');
    expect(text).toContain('/s/ Blair Cocounsel');
    expect(text).toContain('and that on the same day I served a copy by first-class United States mail, postage prepaid, on the following:');
    expect(text).toContain('John Roe, pro se 12 Sample Road Oakland, CA 94601');
    const html = await readFile(path.join(dir, 'out/2024-05/report.html'), 'utf8');
    expect(html).toContain('class="signature-block co-counsel co-counsel-side-by-side"');
  }, 60_000);
});

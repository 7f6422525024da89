/**
 * What report.docx draws on every page, read back through LibreOffice: the
 * pleading paper's 28 numbered lines with every line of text on one (tables
 * included), and the watermark as a shape behind the text.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, exampleConfig, pdfText, root } from './cli.js';
import { libreOfficePdf } from './libreoffice.js';
import { isLineNumber, pleadingLines, words } from './pdf-words.js';

const asOf = '2024-06-14';
let out: string;
const header = async (docx: string) => (await JSZip.loadAsync(await readFile(docx))).file('word/header1.xml')!.async('string');

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'court-report-docx-page-'));
  const ndCal = path.join(root, 'test/fixtures/kinds/report.yaml');
  const results = await Promise.all([
    cli(['build', '--config', ndCal, '--period', '2024-05', '--html-only', '--docx', '--as-of', asOf, '--out', path.join(out, 'nd-cal')]),
    cli(['build', '--config', exampleConfig, '--period', '2024-05', '--html-only', '--docx', '--as-of', asOf, '--out', path.join(out, 'draft')]),
    cli(['build', '--config', ndCal, '--period', '2024-05', '--html-only', '--docx', '--final', '--as-of', asOf, '--out', path.join(out, 'nd-cal-final')]),
  ]);
  for (const result of results) expect(result.stderr).toBe('');
}, 180_000);

describe('report.docx on N.D. Cal. pleading paper', () => {
  it('numbers 28 lines on every page, and every line of text sits on one, the tables\' rows included', async () => {
    const pdf = await libreOfficePdf(path.join(out, 'nd-cal/2024-05/report.docx'));
    const pages = await pleadingLines(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // The fixture's figure tables are on page 2: the lines Word's own line numbering would leave unnumbered.
    expect(await pdfText(pdf, 2)).toContain('Cases by office');
    pages.forEach((page, i) => {
      expect(page.numbers, `page ${i + 1}`).toEqual(Array.from({ length: 28 }, (_, n) => String(n + 1)));
      expect(page.off, `page ${i + 1}`).toEqual([]);
    });
  }, 120_000);

  it('has a ")" beside every line of the parties, a wrapped name\'s second line included', async () => {
    const { words: all } = await words(await libreOfficePdf(path.join(out, 'nd-cal/2024-05/report.docx')));
    const page1 = all.filter((w) => w.page === 1 && !isLineNumber(w));
    const top = page1.find((w) => w.text === 'BAY')!.y;
    const bottom = page1.find((w) => w.text === 'Defendant.')!.y;
    const partyLines = new Set(page1.filter((w) => w.y >= top - 0.5 && w.y <= bottom + 0.5 && w.text !== ')' && w.x < 250).map((w) => w.y.toFixed(1)));
    const parens = page1.filter((w) => w.text === ')').map((w) => w.y.toFixed(1));
    // UNITED STATES DEPARTMENT OF / EXAMPLE, wraps: six lines, not the five the parties are written in.
    expect(partyLines.size).toBe(6);
    expect(parens).toEqual([...partyLines]);
  }, 120_000);
});

describe('the watermark of report.docx', () => {
  it('is Word\'s watermark shape: the word turned 45°, behind the text, centred on the page', async () => {
    const xml = await header(path.join(out, 'nd-cal/2024-05/report.docx'));
    const shape = /<v:shape [^>]*type="#_x0000_t136"[^>]*>.*?<\/v:shape>/s.exec(xml)?.[0] ?? '';
    expect(shape).toContain('string="DRAFT"');
    expect(shape).toMatch(/style="position:absolute;[^"]*rotation:315;z-index:-\d+;mso-position-horizontal:center;[^"]*mso-position-vertical:center/);
    // Not a line of the header's text any more.
    expect(xml).not.toMatch(/<w:t[^>]*>DRAFT<\/w:t>/);
  });

  it('is absent from the final report', async () => {
    expect(await header(path.join(out, 'nd-cal/2024-05/report.docx'))).toContain('<v:shape ');
    expect(await header(path.join(out, 'nd-cal-final/2024-05/report.docx'))).not.toContain('<v:shape ');
  });

  it('carries the config\'s own watermark text, beside the running header\'s case number', async () => {
    const xml = await header(path.join(out, 'draft/2024-05/report.docx'));
    expect(xml).toContain('string="SAMPLE — SYNTHETIC DATA"');
    expect(xml).toMatch(/<w:p>.*<v:shape .*<\/w:pict><\/w:r><w:r><w:t xml:space="preserve">\tCase No\. 3:23-cv-9962-TKW-ZCB<\/w:t>/s);
  });

  it('leaves the text LibreOffice reads unchanged: the running header still reads "Case No."', async () => {
    const text = await pdfText(await libreOfficePdf(path.join(out, 'draft/2024-05/report.docx')), 1);
    expect(text).toContain('Case No. 3:23-cv-9962-TKW-ZCB');
    expect(text).not.toContain('SAMPLE — SYNTHETIC DATA');
  }, 120_000);
});

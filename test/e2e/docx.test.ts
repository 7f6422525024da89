/**
 * report.docx through the CLI: the example's May 2024 report and its notice
 * with a declaration, read back through LibreOffice (as counsel's Word would
 * open them) and in their XML.
 */
import { mkdtemp, readFile, readdir, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, exampleConfig, pdfText, root } from './cli.js';
import { libreOfficePdf } from './libreoffice.js';

const asOf = '2024-06-14';
let out: string;

const part = async (docx: string, name: string) => (await JSZip.loadAsync(await readFile(docx))).file(name)!.async('string');
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'court-report-docx-'));
  const results = await Promise.all([
    cli(['build', '--config', exampleConfig, '--period', '2024-05', '--out', path.join(out, 'a'), '--as-of', asOf, '--docx']),
    cli(['build', '--config', exampleConfig, '--period', '2024-05', '--out', path.join(out, 'b'), '--as-of', asOf, '--docx', '--final']),
    cli(['build', '--config', path.join(root, 'data/florida-v-mayorkas/declaration.yaml'), '--period', '2024-05', '--out', path.join(out, 'notice'), '--as-of', asOf, '--docx']),
  ]);
  for (const result of results) expect(result.stderr).toBe('');
}, 180_000);

describe('build --docx on the example', () => {
  it('converts with LibreOffice to the same filing: caption, figures, signature, certificate, page numbers', async () => {
    const pdf = await libreOfficePdf(path.join(out, 'a/2024-05/report.docx'));
    const text = oneLine(await pdfText(pdf));
    expect(text).toContain('UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF FLORIDA PENSACOLA DIVISION');
    expect(text).toContain('Case No. 3:23-cv-9962-TKW-ZCB');
    expect(text).toContain("DEFENDANTS' STATUS REPORT");
    expect(text).toContain('2,547 of the 2,572 individuals');
    expect(text).toContain('340 individuals have not yet been issued an NTA');
    expect(text).toContain('/s/ Jane Q. Placeholder');
    expect(text).toContain('CERTIFICATE OF SERVICE');
    expect(text).toContain('Page 1 of');
    expect(text).toContain('EXHIBIT A');
  }, 120_000);

  it('says what the PDF says in the opening and the certificate', async () => {
    const pdf = oneLine(await pdfText(path.join(out, 'a/2024-05/report.pdf')));
    const docx = oneLine(await pdfText(await libreOfficePdf(path.join(out, 'a/2024-05/report.docx'))));
    for (const sentence of [
      'Pursuant to the Court’s Order of May 16, 2023 (ECF No. 30), Defendants submit the following status report for the period May 1, 2024 through May 31, 2024',
      'I hereby certify that on June 14, 2024, I electronically filed the foregoing with the Clerk of Court using the CM/ECF system',
    ]) {
      expect(pdf).toContain(sentence);
      expect(docx).toContain(sentence);
    }
  }, 120_000);

  it('numbers the body paragraphs with Word numbering and repeats table headers on every page', async () => {
    const xml = await part(path.join(out, 'a/2024-05/report.docx'), 'word/document.xml');
    // Nine numbered paragraphs in the example's body.
    expect(xml.match(/<w:numPr>/g)).toHaveLength(9);
    // The summary table and the three tables of Exhibit A each have one repeating header row.
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(4);
    expect(xml).toContain('<w:cantSplit/>');
    // Exhibit A starts a new page.
    expect(xml).toMatch(/<w:pageBreakBefore\/>.*?EXHIBIT A/s);
  });

  it('has the running header and a "Page X of Y" footer with PAGE and NUMPAGES fields', async () => {
    const docx = path.join(out, 'a/2024-05/report.docx');
    const footer = await part(docx, 'word/footer1.xml');
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(await part(docx, 'word/header1.xml')).toContain('Case No. 3:23-cv-9962-TKW-ZCB');
  });

  it('uses Word\'s own style names, in the court format (14 pt, double-spaced, 1-inch margins)', async () => {
    const docx = path.join(out, 'a/2024-05/report.docx');
    const styles = await part(docx, 'word/styles.xml');
    for (const name of ['Normal', 'Body Text', 'Heading 1', 'Heading 2', 'Caption', 'Signature']) expect(styles).toContain(`<w:name w:val="${name}"/>`);
    expect(styles.match(/w:styleId="Heading1"/g)).toHaveLength(1);
    expect(styles).toMatch(/w:styleId="BodyText".*?<w:spacing[^>]*w:line="480"/s);
    expect(styles).toContain('<w:sz w:val="28"/>');
    expect(await part(docx, 'word/document.xml')).toMatch(/<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/);
  });

  it('has the chart as a picture', async () => {
    const zip = await JSZip.loadAsync(await readFile(path.join(out, 'a/2024-05/report.docx')));
    const pictures = Object.keys(zip.files).filter((name) => name.startsWith('word/media/') && name.endsWith('.png'));
    expect(pictures).toHaveLength(1);
    const png = await zip.file(pictures[0]!)!.async('uint8array');
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(await zip.file('word/document.xml')!.async('string')).toContain('name="Figures at the end of each period, June 2023 – May 2024"');
  });

  it('is byte-identical when built again with the same inputs and --as-of', async () => {
    expect(Buffer.compare(await readFile(path.join(out, 'a/2024-05/report.docx')), await readFile(path.join(out, 'b/2024-05/report.docx')))).toBe(0);
  });

  it('is listed in the final manifest with its digest', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'b/2024-05/manifest.json'), 'utf8')) as { outputs: Array<{ path: string; sha256: string }> };
    const docx = manifest.outputs.find((o) => o.path === 'report.docx');
    const { createHash } = await import('node:crypto');
    expect(docx?.sha256).toBe(createHash('sha256').update(await readFile(path.join(out, 'b/2024-05/report.docx'))).digest('hex'));
  });
});

describe('report.docx of other documents', () => {
  it('files the notice with the declaration as Exhibit 1, signed by the declarant', async () => {
    const text = oneLine(await pdfText(await libreOfficePdf(path.join(out, 'notice/2024-05/report.docx'))));
    expect(text).toContain("DEFENDANTS' NOTICE OF FILING");
    expect(text).toContain('EXHIBIT 1 DECLARATION OF JOHN Q. PLACEHOLDER');
    expect(text).toContain('I, John Q. Placeholder, declare as follows:');
    expect(text).toContain('I declare under penalty of perjury that the foregoing is true and correct. Executed on June 14, 2024 in Washington, D.C.');
    expect(text.indexOf('CERTIFICATE OF SERVICE')).toBeLessThan(text.indexOf('EXHIBIT 1'));
  }, 120_000);

  it('is written for output.docx: true without --docx, and without a browser when the body has no chart', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-docx-config-'));
    await cp(path.join(root, 'test/fixtures/kinds'), dir, { recursive: true });
    const config = path.join(dir, 'report.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('localRules: nd-cal', 'localRules: nd-cal\n  docx: true'));
    const result = await cli(['build', '--config', config, '--period', '2024-05', '--html-only', '--as-of', asOf, '--out', path.join(dir, 'out')], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
    });
    expect(result.stderr).toBe('');
    expect((await readdir(path.join(dir, 'out/2024-05'))).sort()).toEqual(['diff.json', 'metrics.json', 'report.docx', 'report.html']);
    const xml = await part(path.join(dir, 'out/2024-05/report.docx'), 'word/document.xml');
    expect(xml).toContain('I, Morgan Official, declare as follows:');
  });

  it('takes the N.D. Cal. preset: counsel first, the ")" caption, 28 line numbers from the header, title in the footer', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-docx-ndcal-'));
    const result = await cli(['build', '--config', path.join(root, 'test/fixtures/kinds/report.yaml'), '--period', '2024-05', '--html-only', '--docx', '--as-of', asOf, '--out', dir]);
    expect(result.stderr).toBe('');
    const docx = path.join(dir, '2024-05/report.docx');
    const xml = await part(docx, 'word/document.xml');
    // Not Word's line numbering, which skips the lines of tables (see header.ts).
    expect(xml).not.toContain('<w:lnNumType');
    const header = await part(docx, 'word/header1.xml');
    expect(header).toMatch(/<w:framePr [^>]*w:hAnchor="page"/);
    expect([...header.matchAll(/<w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => m[1])).toEqual(Array.from({ length: 28 }, (_, i) => String(i + 1)));
    const paragraphs = [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p .*?<\/w:p>/gs)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    expect(paragraphs[0]).toBe('Alex Counsel (Cal. Bar No. 123456)');
    expect(paragraphs.filter((p) => p === ')').length).toBeGreaterThanOrEqual(5);
    const footer = await part(docx, 'word/footer1.xml');
    expect(footer).toContain('DECLARATION OF MORGAN OFFICIAL');
    expect(footer).toContain('Case No. 3:24-cv-01234-ABC');
    expect(await part(docx, 'word/styles.xml')).toContain('<w:sz w:val="24"/>');
  });
});

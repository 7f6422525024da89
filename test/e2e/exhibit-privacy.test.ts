/**
 * PDF exhibits (template.exhibits) through the personal-data check: a letter
 * naming a person of the snapshots is refused before anything is written; a
 * page with no readable text is named in a warning; and the reader takes
 * from a Chromium-printed PDF the words poppler takes from it.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { exhibitText } from '../../src/pdf/exhibits/text.js';
import { cli, root } from './cli.js';

const asOf = '2024-06-14';
let dir: string;

async function letterPdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const page = doc.addPage([612, 792]);
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 700 - 18 * i, size: 12, font }));
  return doc.save({ useObjectStreams: false });
}

async function scanPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]).drawRectangle({ x: 72, y: 300, width: 468, height: 400 });
  return doc.save({ useObjectStreams: false });
}

/** The privacy fixture with these exhibits, built to PDF. */
async function build(name: string, exhibits: Record<string, Uint8Array>) {
  const caseDir = path.join(dir, name);
  await cp(path.join(root, 'test/fixtures/privacy'), caseDir, { recursive: true });
  const entries = Object.entries(exhibits);
  for (const [file, bytes] of entries) await writeFile(path.join(caseDir, file), bytes);
  const config = path.join(caseDir, 'report.yaml');
  const list = entries.map(([file]) => `    - { title: ${file}, pdf: ${file} }\n`).join('');
  // The plaintiff Marcus Webb is also a record of the snapshots: a named party, printed by leave.
  const yaml = (await readFile(config, 'utf8')).replace(/^template:\n/m, entries.length > 0 ? `template:\n  exhibits:\n${list}` : 'template:\n');
  await writeFile(config, `${yaml}privacy:\n  allow: [Marcus Webb]\n`);
  const out = path.join(caseDir, 'out');
  const result = await cli(['build', '--config', config, '--period', '2024-05', '--out', out, '--as-of', asOf], { cwd: caseDir });
  return { ...result, out };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-exhibit-privacy-'));
});

describe('personal data in a PDF exhibit', () => {
  it('refuses a letter that names a person of the snapshots, masked, with nothing written', async () => {
    const letter = await letterPdf(['Dear counsel,', 'The hearing of Carmen Davis is set for July 1, 2024.']);
    const result = await build('named', { 'letter.pdf': letter });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/letter\.pdf \(Exhibit [A-Z]\) page 1:2: the name of record .* would be printed in full/);
    expect(result.stderr).toContain('redact it there (Fed. R. Civ. P. 5.2(a))');
    expect(result.stderr).not.toContain('Carmen Davis');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await readdir(result.out).catch(() => [])).toEqual([]);
  }, 120_000);

  it('builds with a letter that names no one, and warns of a page it cannot read', async () => {
    const result = await build('clean', { 'letter.pdf': await letterPdf(['Dear counsel,', 'The hearings are set for July 1, 2024.']), 'scan.pdf': await scanPdf() });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: scan\.pdf: Exhibit [A-Z]: its page has no text that can be read \(a scanned image, or a font with no map to Unicode\), so not checked for personal data/);
    expect(result.stderr).not.toContain('letter.pdf');
  }, 120_000);
});

describe('the exhibit reader on a PDF Chromium printed', () => {
  it('reads every word poppler reads, page by page', async () => {
    const result = await build('printed', {});
    expect(result.code).toBe(0);
    const pdf = path.join(result.out, '2024-05/report.pdf');
    const ours = exhibitText(await PDFDocument.load(await readFile(pdf))).pages;
    const { stdout } = await promisify(execFile)('pdftotext', ['-raw', pdf, '-']);
    const theirs = stdout.split('\f').slice(0, ours.length);
    expect(ours.length).toBeGreaterThanOrEqual(2);
    const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');
    theirs.forEach((page, i) => {
      const mine = ours[i]!.replace(/\s+/g, '');
      // Chromium positions some words by themselves: compared without the spaces, word by word in order.
      const missing = words(page).filter((word) => !mine.includes(word.replace(/\s+/g, '')));
      expect(missing, `page ${i + 1}`).toEqual([]);
    });
  }, 120_000);
});

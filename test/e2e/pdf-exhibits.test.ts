/**
 * template.exhibits: existing PDFs appended to the report, lettered after the
 * body's exhibits, with or without a cover, bookmarked, in the manifest; and
 * the PDFs CM/ECF rejects, refused. The fixture PDFs are made here with pdf-lib.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, pdfText, root } from './cli.js';

const run = promisify(execFile);
let dir: string;

/** A PDF of pages each with one line of text (Helvetica, not embedded: fine for a plain report). */
async function textPdf(lines: string[], tweak?: (doc: PDFDocument) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of lines) doc.addPage([612, 792]).drawText(line, { x: 72, y: 700, size: 14, font });
  tweak?.(doc);
  return doc.save({ useObjectStreams: false });
}

/** A PDF of one page with a filled rectangle and no text: nothing PDF/A-1b forbids. */
async function drawingPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]).drawRectangle({ x: 72, y: 500, width: 200, height: 100 });
  return doc.save({ useObjectStreams: false });
}

/** The example with these exhibits (YAML lines under template:) and optionally pdfa, built --final. */
async function build(name: string, exhibitsYaml: string, extraOutput = '') {
  const caseDir = path.join(dir, name);
  await cp(path.join(root, 'data/florida-v-mayorkas'), caseDir, { recursive: true, filter: (source) => !source.endsWith('.pdf') });
  for (const file of ['letter.pdf', 'order.pdf', 'drawing.pdf', 'script.pdf', 'attached.pdf', 'encrypted.pdf', 'cut.pdf', 'not.pdf']) {
    await cp(path.join(dir, file), path.join(caseDir, file)).catch(() => undefined);
  }
  const config = path.join(caseDir, 'report.yaml');
  const yaml = await readFile(config, 'utf8');
  await writeFile(config, yaml.replace(/^template:\n/m, `template:\n  exhibits:\n${exhibitsYaml}`) + extraOutput);
  const out = path.join(caseDir, 'out');
  const result = await cli(['build', '--config', config, '--period', '2024-05', '--out', out, '--as-of', '2024-06-14', '--final'], { cwd: caseDir });
  return { ...result, pdf: path.join(out, '2024-05', 'report.pdf'), out, caseDir };
}

async function bookmarks(file: string): Promise<Array<{ title: string; page: number }>> {
  const { stdout } = await run('qpdf', ['--json', '--json-key=outlines', file], { maxBuffer: 16 * 1024 * 1024 });
  type Outline = { title: string; destpageposfrom1: number; kids: Outline[] };
  const flat = (items: Outline[]): Array<{ title: string; page: number }> =>
    items.flatMap((o) => [{ title: o.title.replace(/[\s\u00a0]+/g, ' ').trim(), page: o.destpageposfrom1 }, ...flat(o.kids)]);
  return flat(JSON.parse(stdout).outlines as Outline[]);
}

async function pageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)![1]);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-exhibits-'));
  await writeFile(path.join(dir, 'letter.pdf'), await textPdf(['LETTER PAGE ONE', 'LETTER PAGE TWO']));
  await writeFile(path.join(dir, 'order.pdf'), await textPdf(['PRIOR ORDER PAGE']));
  await writeFile(path.join(dir, 'drawing.pdf'), await drawingPdf());
  await writeFile(
    path.join(dir, 'script.pdf'),
    await textPdf(['SCRIPTED'], (doc) => doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }))),
  );
  const attached = await PDFDocument.load(await textPdf(['WITH ATTACHMENT']));
  await attached.attach(Buffer.from('a,b\n1,2\n'), 'data.csv', { mimeType: 'text/csv' });
  await writeFile(path.join(dir, 'attached.pdf'), await attached.save({ useObjectStreams: false }));
  await run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', path.join(dir, 'letter.pdf'), path.join(dir, 'encrypted.pdf')]);
  const letter = await readFile(path.join(dir, 'letter.pdf'));
  await writeFile(path.join(dir, 'cut.pdf'), letter.subarray(0, Math.floor(letter.length / 2)));
  await writeFile(path.join(dir, 'not.pdf'), 'just some text\n');
}, 60_000);

describe('PDF exhibits', () => {
  it('appends a PDF after the body\'s exhibit as EXHIBIT B, with a cover page and a bookmark', async () => {
    const built = await build('cover', '    - { title: Letter from ICE to counsel, pdf: letter.pdf, cover: true }\n');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const pages = await pageCount(built.pdf);
    // The cover, then the letter's two pages, last.
    expect(await pdfText(built.pdf, pages - 2)).toContain('EXHIBIT B');
    expect(await pdfText(built.pdf, pages - 2)).toContain('Letter from ICE to counsel');
    expect(await pdfText(built.pdf, pages - 1)).toContain('LETTER PAGE ONE');
    expect(await pdfText(built.pdf, pages)).toContain('LETTER PAGE TWO');
    const marks = await bookmarks(built.pdf);
    expect(marks.map((m) => m.title)).toEqual([
      "DEFENDANTS' STATUS REPORT",
      'CERTIFICATE OF SERVICE',
      'EXHIBIT A Detailed tables for the period',
      'EXHIBIT B Letter from ICE to counsel',
    ]);
    expect(marks.at(-1)!.page).toBe(pages - 2);
  });

  it('letters exhibits in order, bookmarks one without a cover at its first page, and records both in the manifest', async () => {
    const built = await build(
      'two',
      '    - { title: Prior order, pdf: order.pdf }\n    - { title: Letter from ICE to counsel, pdf: letter.pdf, cover: true }\n',
    );
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const pages = await pageCount(built.pdf);
    // ... EXHIBIT A's tables, the order (1 page, no cover), the letter's cover and its 2 pages.
    expect(await pdfText(built.pdf, pages - 3)).toContain('PRIOR ORDER PAGE');
    expect(await pdfText(built.pdf, pages - 2)).toContain('EXHIBIT C');
    expect(await pdfText(built.pdf, pages - 1)).toContain('LETTER PAGE ONE');
    const marks = await bookmarks(built.pdf);
    expect(marks.slice(2)).toEqual([
      { title: 'EXHIBIT A Detailed tables for the period', page: expect.any(Number) },
      { title: 'EXHIBIT B Prior order', page: pages - 3 },
      { title: 'EXHIBIT C Letter from ICE to counsel', page: pages - 2 },
    ]);
    const { stdout } = await run('qpdf', ['--check', built.pdf]);
    expect(stdout).toContain('No syntax or stream encoding errors found');
    const manifest = JSON.parse(await readFile(path.join(built.out, '2024-05/manifest.json'), 'utf8'));
    const digests = manifest.inputs.templates as Array<{ path: string; sha256: string }>;
    const { createHash } = await import('node:crypto');
    for (const file of ['order.pdf', 'letter.pdf']) {
      const expected = createHash('sha256').update(await readFile(path.join(built.caseDir, file))).digest('hex');
      expect(digests.find((d) => d.path === file)?.sha256, file).toBe(expected);
    }
  });

  it('with pdfa: 1b, a merged drawing still passes Preflight', async () => {
    const built = await build('pdfa', '    - { title: Site plan, pdf: drawing.pdf, cover: true }\n', '  pdfa: 1b\n');
    // A drawing has no text to check for personal data: said, not silent.
    expect(built.stderr).toMatch(/^court-report: warning: drawing\.pdf: Exhibit B: its page has no text that can be read.*\n.*\n$/);
    expect(built.code).toBe(0);
    const jars = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((jar) => `/usr/share/java/${jar}.jar`);
    const { stdout } = await run('java', ['-cp', jars.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', built.pdf]).catch((e) => e as { stdout: string });
    expect(stdout).toContain('is a valid PDF/A-1b file');
  }, 60_000);

  it('with pdfa: 1b, refuses an exhibit whose fonts are not embedded', async () => {
    const built = await build('pdfa-fonts', '    - { title: Prior order, pdf: order.pdf }\n', '  pdfa: 1b\n');
    expect(built.code).toBe(1);
    expect(built.stderr).toContain('Helvetica');
    expect(built.stderr).toContain('not embedded');
  });

  for (const [file, said] of [
    ['script.pdf', 'exhibit PDF refused: it carries JavaScript'],
    ['attached.pdf', 'exhibit PDF refused: it carries attached files'],
    ['encrypted.pdf', 'exhibit PDF refused: it is encrypted'],
    ['cut.pdf', 'exhibit PDF refused: it is damaged'],
    ['not.pdf', 'exhibit PDF refused: it is not a PDF'],
  ] as const) {
    it(`refuses ${file}, naming it, and writes nothing`, async () => {
      const built = await build(`refuse-${file}`, `    - { title: Something, pdf: ${file} }\n`);
      expect(built.code).toBe(1);
      expect(built.stderr).toContain(`${file}: ${said}`);
      expect(built.stderr).not.toMatch(/\n\s+at /);
      await expect(readFile(built.pdf)).rejects.toThrow();
    });
  }

  it('names a missing exhibit file at its line in the config', async () => {
    const built = await build('missing', '    - { title: Something, pdf: nowhere.pdf }\n');
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/report\.yaml:\d+:\d+: exhibit PDF not found: got "nowhere\.pdf"/);
  });
});

describe('verify', () => {
  it('names an exhibit PDF changed since filing', async () => {
    const built = await build('verify', '    - { title: Prior order, pdf: order.pdf }\n');
    expect(built.code).toBe(0);
    await writeFile(path.join(built.caseDir, 'order.pdf'), await textPdf(['A DIFFERENT ORDER']));
    const result = await cli(['verify', '--config', path.join(built.caseDir, 'report.yaml'), '--period', '2024-05', '--out', built.out], { cwd: built.caseDir });
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/template or asset changed since filing[^\n]*\n?[^\n]*order\.pdf|order\.pdf[^\n]*template or asset changed since filing/);
  });
});

describe('validate', () => {
  it('refuses an exhibit PDF with JavaScript, as build would', async () => {
    const built = await build('validate-script', '    - { title: Something, pdf: script.pdf }\n');
    expect(built.code).toBe(1);
    const result = await cli(['validate', '--config', path.join(built.caseDir, 'report.yaml'), '--as-of', '2024-06-14'], { cwd: built.caseDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('script.pdf: exhibit PDF refused: it carries JavaScript');
  });
});

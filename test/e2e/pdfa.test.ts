/**
 * output.pdfa: the example's final PDF as PDF/A-1b, checked with PDFBox
 * Preflight (the one offline PDF/A validator here, PDF/A-1b only), and as
 * PDF/A-2b, checked for what PDF/A-2b adds to Chrome's PDF.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, pdfInfo, root } from './cli.js';

const run = promisify(execFile);
const jars = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((jar) => `/usr/share/java/${jar}.jar`);

/** PDFBox Preflight's verdict on a file: its whole output, and whether it says the file is valid. */
async function preflight(file: string): Promise<{ valid: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('java', ['-cp', jars.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file], { maxBuffer: 16 * 1024 * 1024 });
    return { valid: stdout.includes('is a valid PDF/A-1b file'), output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { valid: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

let dir: string;

/** The example with `pdfa: <level>` (and optionally its body replaced), built --final into a new folder. */
async function build(level: string, name: string, body?: string): Promise<{ code: number; stderr: string; pdf: string }> {
  const caseDir = path.join(dir, name);
  await cp(path.join(root, 'data/florida-v-mayorkas'), caseDir, { recursive: true });
  const config = path.join(caseDir, 'report.yaml');
  await writeFile(config, `${await readFile(config, 'utf8')}  pdfa: ${level}\n`);
  if (body !== undefined) await writeFile(path.join(caseDir, 'body.hbs'), body);
  const out = path.join(caseDir, 'out');
  const result = await cli(['build', '--config', config, '--period', '2024-05', '--out', out, '--as-of', '2024-06-14', '--final']);
  return { code: result.code, stderr: result.stderr, pdf: path.join(out, '2024-05', 'report.pdf') };
}

const built: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-pdfa-'));
  for (const [name, level] of [['1b', '1b'], ['1b-again', '1b'], ['2b', '2b'], ['2b-again', '2b']]) {
    const result = await build(level!, name!);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    built[name!] = result.pdf;
  }
}, 120_000);

/** The file as latin1 text, with its streams inflated and no object streams, so dictionaries can be read. */
async function qdf(file: string): Promise<string> {
  const { stdout } = await run('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

describe('pdfa: 1b', () => {
  it('passes PDFBox Preflight with no error', async () => {
    const verdict = await preflight(built['1b']!);
    expect(verdict.output).toContain('is a valid PDF/A-1b file');
    expect(verdict.valid).toBe(true);
  }, 60_000);

  it('is byte-identical when rebuilt', async () => {
    expect((await readFile(built['1b']!)).equals(await readFile(built['1b-again']!))).toBe(true);
  });

  it('is PDF 1.4, tagged, with a classic xref table and a trailer /ID', async () => {
    const info = await pdfInfo(built['1b']!);
    expect(info['PDF version']).toBe('1.4');
    expect(info.Tagged).toBe('yes');
    const raw = (await readFile(built['1b']!)).toString('latin1');
    expect(raw).toMatch(/\nxref\n0 \d+\n0000000000 65535 f/);
    expect(raw).not.toContain('/Type /XRef');
    expect(raw).toMatch(/trailer\n<<[^>]*\/ID \[ <([0-9A-F]{32})> <\1> \]/);
  });

  it('keeps the bookmarks and embedded fonts, each with a CIDSet', async () => {
    const { stdout } = await run('qpdf', ['--json', '--json-key=outlines', built['1b']!], { maxBuffer: 16 * 1024 * 1024 });
    type Outline = { title: string; kids: Outline[] };
    const titles = (items: Outline[]): string[] => items.flatMap((o) => [o.title.replace(/\u00a0/g, ' '), ...titles(o.kids)]);
    expect(titles(JSON.parse(stdout).outlines as Outline[])).toEqual(["DEFENDANTS' STATUS REPORT", 'CERTIFICATE OF SERVICE', 'EXHIBIT A Detailed tables for the period']);
    const fonts = (await run('pdffonts', [built['1b']!])).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBe(3);
    for (const font of fonts) expect(font).toMatch(/\+Tinos-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const text = await qdf(built['1b']!);
    expect(text.match(/\/FontFile2 /g)?.length).toBe(3);
    expect(text.match(/\/CIDSet /g)?.length).toBe(3);
  });

  it('says PDF/A-1b in its XMP, with the Info dictionary\'s title and dates', async () => {
    const text = await qdf(built['1b']!);
    expect(text).toContain('<pdfaid:part>1</pdfaid:part>');
    expect(text).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(text).toContain("<rdf:li xml:lang=\"x-default\">DEFENDANTS' STATUS REPORT — May 2024</rdf:li>".replace('—', Buffer.from('—', 'utf8').toString('latin1')));
    expect(text).toContain('<xmp:CreateDate>2024-06-14T12:00:00+00:00</xmp:CreateDate>');
    expect(text).toContain("/CreationDate (D:20240614120000+00'00')");
  });

  it('refuses a template with transparency, naming it and the way out', async () => {
    const result = await build('1b', 'translucent', '<p style="color: rgba(0, 0, 0, 0.5)">{{number metrics.total.value}} people.</p>\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the document uses transparency (an alpha of 0.5');
    expect(result.stderr).toContain('which PDF/A-1b forbids');
    expect(result.stderr).toContain('output.pdfa: 2b');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('pdfa: 2b', () => {
  it('says PDF/A-2b in its XMP', async () => {
    const text = await qdf(built['2b']!);
    expect(text).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(text).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
  });

  it('has an sRGB OutputIntent with the shipped ICC profile', async () => {
    const text = await qdf(built['2b']!);
    expect(text).toMatch(/\/OutputIntents \d+ 0 R|\/OutputIntents \[/);
    expect(text).toContain('/S /GTS_PDFA1');
    expect(text).toContain('/OutputConditionIdentifier (sRGB IEC61966-2.1)');
    const profile = await readFile(path.join(root, 'assets/icc/sRGB.icc'));
    // qpdf --qdf writes the profile stream inflated: the shipped bytes are in the file.
    expect(Buffer.from(text, 'latin1').includes(profile)).toBe(true);
  });

  it('has a trailer /ID, is tagged and byte-identical when rebuilt', async () => {
    const raw = (await readFile(built['2b']!)).toString('latin1');
    expect(raw).toMatch(/trailer\n<<[^>]*\/ID \[ <([0-9A-F]{32})> <\1> \]/);
    expect((await pdfInfo(built['2b']!)).Tagged).toBe('yes');
    expect((await readFile(built['2b']!)).equals(await readFile(built['2b-again']!))).toBe(true);
  });
});

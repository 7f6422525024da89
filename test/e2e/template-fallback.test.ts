/** A template folder that holds only the files it changes; the rest come from the bundled template. */
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
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

  it('report.docx takes the caption from the changed partial, and says its CSS layout is the PDF\'s only', async () => {
    const out = path.join(dir, 'out-docx');
    const result = await cli(['build', '--config', config, '--period', '2024-05', '--html-only', '--docx', '--out', out, '--as-of', '2024-06-14'], { cwd: dir });
    expect(result.code).toBe(0);
    const xml = await documentXml(path.join(out, '2024-05/report.docx'));
    expect(xml).toContain('OUR OWN CAPTION for 3:23-cv-9962-TKW-ZCB');
    expect(xml).not.toContain('PENSACOLA DIVISION');
    // The rest of the frame is still the bundled one's.
    expect(xml).toContain('/s/ Jane Q. Placeholder');
    expect(result.stderr).toMatch(/my-template\/partials\/caption\.hbs.*report\.docx prints this changed partial's words, paragraphs and tables, not its CSS layout/);
    expect(result.stderr.split('\n').filter((line) => line.includes('caption.hbs'))).toHaveLength(1);
  });
});

const documentXml = async (docx: string) => (await JSZip.loadAsync(await readFile(docx))).file('word/document.xml')!.async('string');

describe('report.docx and a template folder of counsel\'s', () => {
  let folder: string;
  let yaml: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'court-report-docx-overrides-'));
    await cp(path.join(root, 'data/florida-v-mayorkas'), folder, { recursive: true });
    await cp(path.join(root, 'templates/court-status-report'), path.join(folder, 'whole'), { recursive: true });
    yaml = await readFile(path.join(folder, 'report.yaml'), 'utf8');
  });
  const build = async (name: string, files: Record<string, string>) => {
    const templateDir = path.join(folder, name);
    await cp(path.join(folder, 'whole'), templateDir, { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(templateDir, file), text);
    const config = path.join(folder, `${name}.yaml`);
    await writeFile(config, yaml.replace('template:\n  body: body.hbs\n', `template:\n  dir: ${name}\n  body: body.hbs\n`));
    const out = path.join(folder, `out-${name}`);
    const result = await cli(['build', '--config', config, '--period', '2024-05', '--html-only', '--docx', '--out', out, '--as-of', '2024-06-14'], { cwd: folder });
    expect(result.code).toBe(0);
    return { stderr: result.stderr, xml: await documentXml(path.join(out, '2024-05/report.docx')) };
  };

  it('a folder copied whole and left alone keeps the Word caption, with no warning', async () => {
    const { stderr, xml } = await build('copy', {});
    expect(stderr).toBe('');
    expect(xml).toContain('PENSACOLA DIVISION');
    expect(xml).toContain('<w:t xml:space="preserve">/</w:t>');
  });

  it('a signature of its own, laid out in a table, comes into Word as a table of its lines', async () => {
    const signature = '<section class="signature-block"><p style="text-align: right">Dated: {{date asOf}}</p><table><tr><td><p>FOR THE UNITED STATES</p><p>/s/ {{filer.name}}</p></td><td><p>{{filer.office}}</p></td></tr></table></section>\n';
    const { stderr, xml } = await build('signed', { 'partials/signature.hbs': signature });
    expect(stderr).toContain('partials/signature.hbs');
    const table = /<w:tbl>(?:(?!<\/w:tbl>).)*FOR THE UNITED STATES.*?<\/w:tbl>/s.exec(xml)?.[0] ?? '';
    // One cell, two lines: its paragraphs joined by a line break.
    expect(table).toMatch(/FOR THE UNITED STATES<\/w:t><\/w:r><w:r><w:br\/>(?:(?!<\/w:tc>).)*\/s\/ Jane Q\. Placeholder<\/w:t>(?:(?!<\/w:tc>).)*<\/w:tc><w:tc>.*Sample Office of Immigration Litigation/s);
    expect(table).toContain('<w:gridCol w:w="4680"/><w:gridCol w:w="4680"/>');
    expect(xml).toMatch(/<w:jc w:val="right"\/>(?:(?!<\/w:p>).)*Dated: June 14, 2024/s);
  });

  it('a changed order of parts (status-report.hbs) and style.css are named: report.docx does not follow them', async () => {
    const bundled = await readFile(path.join(root, 'templates/court-status-report/partials/status-report.hbs'), 'utf8');
    const css = await readFile(path.join(root, 'templates/court-status-report/style.css'), 'utf8');
    const { stderr } = await build('reordered', { 'partials/status-report.hbs': bundled.replace('{{> title}}\n{{> opening}}', '{{> opening}}\n{{> title}}'), 'style.css': `${css}\nh1 { color: navy; }\n` });
    expect(stderr).toMatch(/reordered\/partials\/status-report\.hbs.*report\.docx does not follow this changed partials\/status-report\.hbs/);
    expect(stderr).toMatch(/reordered\/style\.css.*report\.docx takes its type, spacing and margins from output\.format/);
  });
});


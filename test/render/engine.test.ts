import { contentSecurityPolicy, withContentSecurityPolicy } from '../../src/render/page-safety.js';
import { mkdtemp, mkdir, cp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { compileTemplates } from '../../src/render/engine.js';
import { firstReportView, reportView, source, templateDir } from './fixture.js';

/** A body file of its own, rendered with the bundled template folder. */
async function withBody(body: string) {
  const dir = await mkdtemp(join(tmpdir(), 'court-report-render-'));
  const file = join(dir, 'body.hbs');
  await writeFile(file, body);
  return { file, source: { ...source, body: file } };
}

async function failure(action: () => unknown): Promise<UserError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('the example report', async () => {
  const report = await compileTemplates(source);
  const html = report.render(reportView());

  it('is a complete document', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it('has the caption, title, opening, signature and certificate', () => {
    for (const text of [
      'UNITED STATES DISTRICT COURT',
      'NORTHERN DISTRICT OF FLORIDA',
      'PENSACOLA DIVISION',
      'STATE OF FLORIDA,',
      'ALEJANDRO MAYORKAS, et al.,',
      'Case No. <span class="number">3:23-cv-9962-TKW-ZCB</span>',
      'DEFENDANTS&#x27; STATUS REPORT',
      'Pursuant to the Court’s Order of May 16, 2023 (ECF No. 30), Defendants submit the following status report for the period May 1, 2024 through May 31, 2024, with figures as of May 31, 2024.',
      '/s/ Jane Q. Placeholder',
      'I hereby certify that on June 14, 2024, I electronically filed the foregoing',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('states the figures and their change', () => {
    expect(html).toContain('2,547 of the 2,572 individuals');
    expect(html).toContain('The remaining 25 have not checked in (\u22123)');
    expect(html).toContain('99.5% of the 2,572');
  });

  it('prints the exhibit after the certificate of service', () => {
    expect(html.indexOf('EXHIBIT A')).toBeGreaterThan(html.indexOf('CERTIFICATE OF SERVICE'));
    // One heading, so the PDF bookmark reads "EXHIBIT A Detailed tables for the period".
    expect(html).toContain('<h2 class="exhibit-heading"><span class="exhibit-label">EXHIBIT A&nbsp;</span><br><span class="exhibit-title">Detailed tables for the period</span></h2>');
  });

  it('applies the court format', () => {
    expect(html).toContain('size: Letter;');
    expect(html).toContain('margin: 1in;');
    expect(html).toContain('font-size: 14pt;');
    expect(html).toContain('content: "Case No. 3:23-cv-9962-TKW-ZCB";');
    expect(html).toContain('content: "Page " counter(page) " of " counter(pages);');
  });

  it('loads nothing and runs nothing', () => {
    expect(html).not.toMatch(/<script/i);
    const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
    expect(urls.filter((url) => url !== 'http://www.w3.org/2000/svg')).toEqual([]);
    expect(html).toContain("src: url(data:font/woff2;base64,");
  });

  it('renders the same string twice', () => {
    expect(report.render(reportView())).toBe(html);
  });

  it('makes the opening\'s verb agree with a single filing party', () => {
    const view = reportView();
    view.document = { ...view.document, filingParty: 'The United States', submits: 'submits' };
    expect(report.render(view)).toContain('(ECF No. 30), The United States submits the following status report');
  });

  it('gives the printer the same document with its fonts by URL', () => {
    const { html: written, printHtml } = report.renderDocument(reportView());
    expect(written).toBe(html);
    expect(printHtml).not.toContain('data:font');
    expect(report.printAssets).toHaveLength(8);
    for (const asset of report.printAssets) {
      expect(printHtml).toContain(`src: url(${asset.url}) format('woff2')`);
      expect(html).toContain(`src: url(${asset.dataUrl}) format('woff2')`);
    }
    // Nothing else differs, but the written file's Content-Security-Policy (the printer blocks requests itself, loudly).
    let restored = printHtml;
    for (const asset of report.printAssets) restored = restored.replaceAll(asset.url, asset.dataUrl);
    expect(withContentSecurityPolicy(restored, contentSecurityPolicy())).toBe(html);
    expect(printHtml.length).toBeLessThan(html.length / 5);
  });

  it('lists every file it read', () => {
    expect(report.files).toContain(join(templateDir, 'layout.hbs'));
    expect(report.files).toContain(join(templateDir, 'partials', 'caption.hbs'));
    expect(report.files).toContain(source.body);
    expect(report.files.some((file) => file.endsWith('tinos-latin-400-normal.woff2'))).toBe(true);
  });

  it('says the first report compares nothing', () => {
    const first = report.render(firstReportView());
    expect(first).toContain('This is the first report under the Order, so no prior figures are compared.');
    expect(first).not.toContain('Change</th>');
  });
});

describe('escaping', async () => {
  const report = await compileTemplates(source);

  it('prints markup in data as text', () => {
    const view = reportView();
    view.metrics['byFieldOffice']!.groups![0]!.name = '<img src=x onerror=alert(1)>';
    const html = report.render(view);
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('prints a group named __proto__ as text', () => {
    const view = reportView();
    view.metrics['byFieldOffice']!.groups![0]!.name = '__proto__';
    expect(report.render(view)).toContain('<th scope="row">__proto__</th>');
  });
});

describe('template errors', () => {
  it('names the body file and line of an undefined value', async () => {
    const body = await withBody('<p>ok</p>\n<p>{{metrics.nope.value}}</p>\n');
    const report = await compileTemplates(body.source);
    const error = await failure(() => report.render(reportView()));
    expect(error.problems[0]).toMatchObject({
      location: { file: body.file, line: 2, column: 6 },
      message: 'metrics.nope.value is not defined',
    });
    expect(error.problems[0]?.hint).toContain('total, checkedIn, notCheckedIn');
  });

  it('finds an undefined value given to a helper', async () => {
    const body = await withBody('<p>ok</p>\n\n<p>{{number metrics.nope.value}}</p>\n');
    const report = await compileTemplates(body.source);
    const error = await failure(() => report.render(reportView()));
    expect(error.problems[0]).toMatchObject({ location: { file: body.file, line: 3, column: 13 }, message: 'metrics.nope.value is not defined (given to number)' });
  });

  it('names the file, line and column of a syntax error', async () => {
    const body = await withBody('<p>one</p>\n<p>{{#if priorPeriod}two{{/if}}</p>\n');
    const error = await failure(() => compileTemplates(body.source));
    expect(error.problems[0]).toMatchObject({ location: { file: body.file, line: 2, column: 21 } });
    expect(error.message).toContain('template syntax error');
  });

  it('names the file and line of a mismatched block', async () => {
    const body = await withBody('\n\n{{#if priorPeriod}}x{{/each}}\n');
    const error = await failure(() => compileTemplates(body.source));
    expect(error.problems[0]?.location).toMatchObject({ file: body.file, line: 3 });
    expect(error.problems[0]?.message).toBe('template syntax error: {{#if}} is closed by {{/each}}');
  });

  it('reports a missing partial where it is used', async () => {
    const body = await withBody('<p>x</p>\n{{> no-such-table}}\n');
    const report = await compileTemplates(body.source);
    const error = await failure(() => report.render(reportView()));
    expect(error.problems[0]).toMatchObject({ location: { file: body.file, line: 2, column: 1 }, message: 'no partial named no-such-table' });
    expect(error.problems[0]?.hint).toContain('metric-table');
  });

  it('names the partial file when the error is inside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'court-report-template-'));
    await cp(templateDir, dir, { recursive: true });
    await mkdir(join(dir, 'partials'), { recursive: true });
    await writeFile(join(dir, 'partials', 'title.hbs'), '<h1>\n{{document.subtitle}}</h1>\n');
    const report = await compileTemplates({ ...source, dir });
    const error = await failure(() => report.render(reportView()));
    expect(error.problems[0]?.location).toEqual({ file: join(dir, 'partials', 'title.hbs'), line: 2, column: 3 });
  });

  it('names an unknown helper', async () => {
    const body = await withBody('<p>{{percentage 1 2}}</p>\n');
    const report = await compileTemplates(body.source);
    const error = await failure(() => report.render(reportView()));
    expect(error.problems[0]).toMatchObject({ location: { file: body.file, line: 1, column: 6 }, message: 'no helper named percentage' });
    expect(error.problems[0]?.hint).toContain('percent');
  });

  it('hints at {{#if priorPeriod}} in the first report', async () => {
    const body = await withBody('<p>{{date priorPeriod.end}}</p>\n');
    const report = await compileTemplates(body.source);
    const error = await failure(() => report.render(firstReportView()));
    expect(error.problems[0]?.hint).toContain('{{#if priorPeriod}}');
  });

  it('reports a missing body file', async () => {
    const error = await failure(() => compileTemplates({ ...source, body: join(tmpdir(), 'no-such-body.hbs') }));
    expect(error.message).toContain('template file not found');
  });
});

describe('the default body', () => {
  it('lists every metric and event, grouped ones as exhibits', async () => {
    const report = await compileTemplates({ ...source, body: join(templateDir, 'body.hbs') });
    const html = report.render(reportView());
    expect(html).toContain('<p>In ICE custody: 1 (0).</p>');
    expect(html).toContain('<p>Released from ICE custody during the period: 0.</p>');
    expect(html).toContain('EXHIBIT C');
  });
});

/**
 * The bundled example, end to end through the CLI: every period built, the
 * figures of the public filings reproduced in metrics.json and in the PDF.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, exampleConfig, pdfInfo, pdfText } from './cli.js';

const asOf = '2024-06-14';
let out: string;

const metrics = async (period: string) =>
  JSON.parse(await readFile(path.join(out, period, 'metrics.json'), 'utf8')) as { priorPeriod: string | null; metrics: Record<string, { value: number; prior: number | null; delta: number | null }> };
const value = async (period: string, id: string) => (await metrics(period)).metrics[id]!.value;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'court-report-e2e-'));
  const result = await cli(['build', '--config', exampleConfig, '--all', '--out', out, '--as-of', asOf]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}, 180_000);

describe('build --all on the example', () => {
  it('writes all 12 periods, each with its four outputs', async () => {
    const periods = (await readdir(out)).sort();
    expect(periods).toEqual(['2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    for (const period of periods) {
      expect((await readdir(path.join(out, period))).sort()).toEqual(['diff.json', 'metrics.json', 'report.html', 'report.pdf']);
    }
  });

  it('reproduces the July 2023 figures', async () => {
    expect(await value('2023-07', 'total')).toBe(2572);
    expect(await value('2023-07', 'checkedIn')).toBe(1507);
    expect(await value('2023-07', 'notCheckedIn')).toBe(1065);
    expect(await value('2023-07', 'ntaIssued')).toBe(464);
    expect(await value('2023-07', 'withoutNta')).toBe(2108);
  });

  it('reproduces the November 2023 figures, in metrics and in the diff', async () => {
    expect(await value('2023-11', 'ntaIssuedThisPeriod')).toBe(645);
    expect(await value('2023-11', 'withoutNta')).toBe(413);
    const diff = JSON.parse(await readFile(path.join(out, '2023-11', 'diff.json'), 'utf8'));
    expect(diff.events.ntaIssued).toBe(645);
    expect(diff.priorPeriod).toBe('2023-10');
  });

  it('reproduces the February 2024 figures', async () => {
    expect(await value('2024-02', 'notCheckedIn')).toBe(32);
    expect(await value('2024-02', 'withoutNta')).toBe(351);
    expect(await value('2024-02', 'exited')).toBe(11);
    expect(await value('2024-02', 'inCustody')).toBe(1);
  });

  it('reproduces the May 2024 figures', async () => {
    const may = await metrics('2024-05');
    expect(may.priorPeriod).toBe('2024-04');
    expect(may.metrics.total!.value).toBe(2572);
    expect(may.metrics.notCheckedIn!.value).toBe(25);
    expect(may.metrics.withoutNta!.value).toBe(340);
    expect(may.metrics.exited!.value).toBe(14);
    expect(may.metrics.inCustody!.value).toBe(1);
    expect(may.metrics.ntaIssuedThisPeriod!.value).toBe(1);
    expect(may.metrics.inCountry!.value).toBe(2558);
    expect(may.metrics.withoutNta!.delta).toBe(may.metrics.withoutNta!.value - may.metrics.withoutNta!.prior!);
  });

  it('marks the first period as having no prior', async () => {
    const june = await metrics('2023-06');
    expect(june.priorPeriod).toBeNull();
    expect(june.metrics.total!.prior).toBeNull();
    const diff = JSON.parse(await readFile(path.join(out, '2023-06', 'diff.json'), 'utf8'));
    expect(diff.priorPeriod).toBeNull();
    expect(diff.counts.added).toBe(2572);
    expect((await pdfText(path.join(out, '2023-06', 'report.pdf'))).replace(/\s+/g, ' ')).toContain('This is the first report under the Order, so no prior figures are compared.');
  });

  it('prints a filing: caption, title, figures, signature and certificate of service', async () => {
    const text = (await pdfText(path.join(out, '2024-05', 'report.pdf'))).replace(/[ \t]+/g, ' ');
    for (const expected of [
      'UNITED STATES DISTRICT COURT',
      'NORTHERN DISTRICT OF FLORIDA',
      'PENSACOLA DIVISION',
      'STATE OF FLORIDA,',
      'ALEJANDRO MAYORKAS, et al.,',
      'Case No. 3:23-cv-9962-TKW-ZCB',
      "DEFENDANTS' STATUS REPORT",
      '/s/ Jane Q. Placeholder',
      'CERTIFICATE OF SERVICE',
      'June 14, 2024',
      'EXHIBIT A',
    ]) {
      expect(text).toContain(expected);
    }
    const may = await metrics('2024-05');
    const shown = (n: number) => n.toLocaleString('en-US');
    for (const id of ['total', 'checkedIn', 'notCheckedIn', 'ntaIssued', 'withoutNta', 'exited']) {
      expect(text, id).toContain(shown(may.metrics[id]!.value));
    }
  });

  it('numbers every page "Page N of M" under the case number', async () => {
    const file = path.join(out, '2024-05', 'report.pdf');
    const pages = Number((await pdfInfo(file)).Pages);
    expect(pages).toBeGreaterThan(2);
    for (let page = 1; page <= pages; page++) {
      const text = await pdfText(file, page);
      expect(text).toContain(`Page ${page} of ${pages}`);
      expect(text).toContain('Case No. 3:23-cv-9962-TKW-ZCB');
    }
  });

  it('prints Letter pages, tagged, with its properties', async () => {
    const info = await pdfInfo(path.join(out, '2024-05', 'report.pdf'));
    expect(info['Page size']).toBe('612 x 792 pts (letter)');
    expect(info.Tagged).toBe('yes');
    expect(info.Author).toBe('Jane Q. Placeholder');
    expect(info.Title).toContain("DEFENDANTS' STATUS REPORT");
    expect(info.CreationDate).toContain('2024');
  });

  it('builds byte-identical HTML and PDF from the same inputs and --as-of', async () => {
    const again = await mkdtemp(path.join(os.tmpdir(), 'court-report-again-'));
    const result = await cli(['build', '--config', exampleConfig, '--period', '2024-05', '--out', again, '--as-of', asOf]);
    expect(result.code).toBe(0);
    for (const name of ['report.html', 'report.pdf', 'diff.json', 'metrics.json']) {
      const first = await readFile(path.join(out, '2024-05', name));
      const second = await readFile(path.join(again, '2024-05', name));
      expect(second.equals(first), name).toBe(true);
    }
  }, 60_000);

  it('leaves no temp files behind', async () => {
    for (const period of await readdir(out)) {
      expect((await readdir(path.join(out, period))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
    expect(existsSync(path.join(out, '2024-05', 'report.pdf'))).toBe(true);
  });
});

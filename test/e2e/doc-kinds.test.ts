/**
 * Declarations and notices through the CLI: the example filed as counsel's
 * notice with an official's declaration as Exhibit 1, and a case of another
 * shape filed as a declaration by itself.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, pdfText, root } from './cli.js';

const asOf = '2024-06-14';
const noticeConfig = path.join(root, 'data/florida-v-mayorkas/declaration.yaml');
const declarationConfig = path.join(root, 'test/fixtures/kinds/report.yaml');
let notice: string;
let declaration: string;

/** pdftotext -raw with the watermark's stray capitals dropped and lines joined, so sentences read whole. */
const prose = (text: string) => text.split('\n').filter((line) => !/^[A-Z—]{1,3}$/.test(line)).join(' ');

async function outlineTitles(file: string): Promise<Array<{ title: string; page: number }>> {
  const { stdout } = await promisify(execFile)('qpdf', ['--json', '--json-key=outlines', file], { maxBuffer: 16 * 1024 * 1024 });
  type Node = { title: string; destpageposfrom1: number; kids: Node[] };
  const flat = (nodes: Node[]): Array<{ title: string; page: number }> => nodes.flatMap((n) => [{ title: n.title, page: n.destpageposfrom1 }, ...flat(n.kids)]);
  return flat((JSON.parse(stdout) as { outlines: Node[] }).outlines).map((o) => ({ ...o, title: o.title.replace(/\s+/g, ' ') }));
}

beforeAll(async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-kinds-'));
  const [a, b] = await Promise.all([
    cli(['build', '--config', noticeConfig, '--period', '2024-05', '--out', path.join(out, 'notice'), '--as-of', asOf]),
    cli(['build', '--config', declarationConfig, '--period', '2024-05', '--out', path.join(out, 'declaration'), '--as-of', asOf]),
  ]);
  expect(a.stderr + b.stderr).toBe('');
  notice = path.join(out, 'notice/2024-05/report.pdf');
  declaration = path.join(out, 'declaration/2024-05/report.pdf');
}, 120_000);

describe('notice-with-declaration (the example as filed in the real case)', () => {
  it('opens with counsel\'s notice reciting the order and filing the declaration as Exhibit 1', async () => {
    const page1 = prose(await pdfText(notice, 1));
    expect(page1).toContain("DEFENDANTS' NOTICE OF FILING");
    expect(page1).toContain('Pursuant to the Court’s Order of May 16, 2023 (ECF No. 30)');
    expect(page1).toContain('Defendants hereby submit the Declaration of John Q. Placeholder');
    expect(page1).toContain('attached as Exhibit 1');
  });

  it('has counsel\'s signature and one certificate of service, before Exhibit 1', async () => {
    const text = prose(await pdfText(notice));
    expect(text.match(/CERTIFICATE OF SERVICE/g)).toHaveLength(1);
    expect(text.indexOf('/s/ Jane Q. Placeholder')).toBeLessThan(text.indexOf('EXHIBIT 1'));
    expect(text.indexOf('CERTIFICATE OF SERVICE')).toBeLessThan(text.indexOf('EXHIBIT 1'));
  });

  it('attaches the declaration with the same figures, declared under penalty of perjury', async () => {
    const text = prose(await pdfText(notice));
    const attached = text.slice(text.indexOf('EXHIBIT 1'));
    expect(attached).toContain('I, John Q. Placeholder, declare as follows:');
    expect(attached).toContain('2,547 of the 2,572 individuals');
    expect(attached).toContain('340 individuals have not yet been issued an NTA');
    expect(attached).toContain('I declare under penalty of perjury that the foregoing is true and correct. Executed on June 14, 2024 in Washington, D.C.');
    expect(attached).not.toContain('D.C..');
    expect(attached).toContain('/s/ John Q. Placeholder');
  });

  it('bookmarks Exhibit 1 at its cover page, and the declaration\'s own Exhibit A after it', async () => {
    const outline = await outlineTitles(notice);
    const exhibit1 = outline.find((o) => o.title === 'EXHIBIT 1 DECLARATION OF JOHN Q. PLACEHOLDER');
    const exhibitA = outline.find((o) => o.title.startsWith('EXHIBIT A'));
    expect(exhibit1).toBeDefined();
    expect(prose(await pdfText(notice, exhibit1!.page))).toContain('EXHIBIT 1');
    expect(exhibitA!.page).toBeGreaterThan(exhibit1!.page);
  });
});

describe('declaration (another case, filed by itself)', () => {
  it('reads "I, <name>, declare as follows:" after the caption and title', async () => {
    const page1 = prose(await pdfText(declaration, 1));
    expect(page1).toContain('NORTHERN DISTRICT OF CALIFORNIA');
    expect(page1).toContain('DECLARATION OF MORGAN OFFICIAL');
    expect(page1).toContain('I, Morgan Official, declare as follows:');
    expect(page1).toContain('1. I am the Director of Hearings, United States Department of Example.');
  });

  it('numbers the body after the declarant\'s statement, with the figures from the snapshots', async () => {
    const text = prose(await pdfText(declaration));
    expect(text).toContain('2. As of May 31, 2024, the Department has held hearings in 3 of the 6 cases');
    expect(text).toContain('3. During the period, 1 case was heard.');
  });

  it('ends with the jurat dated with the filing date and no certificate of service', async () => {
    const text = prose(await pdfText(declaration));
    expect(text).toContain('under penalty of perjury that the foregoing is true and correct');
    expect(text).toContain('Executed on June 14, 2024 in San Francisco, California.');
    expect(text).toContain('/s/ Morgan Official');
    expect(text).not.toContain('CERTIFICATE OF SERVICE');
    // Counsel appears only in the N.D. Cal. block at the top of page 1: counsel signs nothing here.
    expect(text).not.toContain('/s/ Alex Counsel');
  });
});

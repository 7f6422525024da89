/**
 * Personal data (Fed. R. Civ. P. 5.2) through the real CLI: pii fields never
 * appear in full in diff.json, `diff`, `diff --json`, metrics.json, the report
 * or a message.
 */
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, root } from './cli.js';

/** Booked in April and May: B2024001981 Carmen Davis is renamed Carmen Davis-Ortiz; the plaintiff Marcus Webb is also a record. */
const fixture = path.join(root, 'test/fixtures/privacy');
const NAMES = ['Carmen Davis', 'Carmen Davis-Ortiz', 'Luis Ortega', 'Marcus Webb'];
const BOOKINGS = ['B2024001981', 'B2024011981', 'B2024000007'];
const asOf = '2024-06-14';
let dir: string;
let config: string;
let out: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-privacy-'));
  await cp(fixture, dir, { recursive: true });
  config = path.join(dir, 'report.yaml');
  out = path.join(dir, 'out');
});

function expectNoPersonalData(text: string): void {
  for (const value of [...NAMES, ...BOOKINGS]) {
    expect(text).not.toContain(value);
    expect(text.toUpperCase()).not.toContain(value.toUpperCase());
  }
}

describe('diff of a pii field', () => {
  it('diff --json gives counts only: no from/to of a renamed person', async () => {
    const result = await cli(['diff', '--config', config, '--period', '2024-05', '--as-of', asOf, '--json']);
    expect(result.stderr).toBe('');
    const diff = JSON.parse(result.stdout);
    expect(diff.fields.name).toEqual({ changed: 1 });
    expect(diff.fields.housing).toEqual({ changed: 1, transitions: [{ from: 'GENERAL', to: 'RELEASED', count: 1 }] });
    expectNoPersonalData(result.stdout);
  });

  it('the diff table says the values are not listed', async () => {
    const result = await cli(['diff', '--config', config, '--period', '2024-05', '--as-of', asOf]);
    expect(result.stdout).toMatch(/^Name +1  personal data: values not listed$/m);
    expectNoPersonalData(result.stdout);
  });
});

describe('messages', () => {
  it('a bad cell or a duplicate key in a pii column is shown masked', async () => {
    const bad = path.join(root, 'test/fixtures/bad/pii-cell-values/report.yaml');
    for (const command of [['validate', '--as-of', '2024-05-14'], ['build', '--period', '2024-04', '--as-of', '2024-05-14', '--html-only', '--out', out]]) {
      const result = await cli([...command, '--config', bad]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('2024-04.csv:2 (column DOB): not a calendar date (personal data, shown masked): got "****"');
      expect(result.stderr).toContain('2024-04.csv:4 (column BOOKING): duplicate Booking number "****", also on line 3');
      expect(result.stderr).not.toContain('1985-13-45');
      expect(result.stderr).not.toContain('B2024011981');
    }
  });
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  await writeFile(file, change(await readFile(file, 'utf8')));
}

const build = () => cli(['build', '--config', config, '--period', '2024-05', '--as-of', asOf, '--html-only', '--out', out]);

describe('the check before writing', () => {
  it('catches an upper-cased name in the caption, saying where, with the value masked', async () => {
    // The plaintiff Marcus Webb is also a record; the caption prints him as MARCUS WEBB.
    const result = await build();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `report.html:205: the name of record ****0007 would be printed in full ("****") in the caption, written in ${config}:11; nothing was written`,
    );
    expect(result.stderr).toContain('privacy.allow');
    expectNoPersonalData(result.stderr);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });

  it('refuses the same way when the PDF is printed too, the check running beside the print', async () => {
    const result = await cli(['build', '--config', config, '--period', '2024-05', '--as-of', asOf, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `report.html:205: the name of record ****0007 would be printed in full ("****") in the caption, written in ${config}:11; nothing was written`,
    );
    expectNoPersonalData(result.stderr);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });

  it('lets privacy.allow values be printed, compared without case', async () => {
    await edit(config, (t) => `${t}privacy:\n  allow: [marcus  webb]\n`);
    const result = await build();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await readFile(path.join(out, '2024-05/report.html'), 'utf8')).toContain('MARCUS WEBB,');
  });

  it('validates privacy.allow like the rest of the config', async () => {
    await edit(config, (t) => `${t}privacy:\n  allow: Marcus Webb\n  alow: []\n`);
    const result = await build();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/report\.yaml:51:\d+: .*allow/);
    expect(result.stderr).toMatch(/report\.yaml:52:\d+: .*alow/);
  });

  it('catches a full-width, upper-cased name in the body at its template line', async () => {
    await edit(config, (t) => `${t}privacy:\n  allow: [Marcus Webb]\n`);
    await edit(path.join(dir, 'body.hbs'), (t) => `${t}<p>Released:\n  ＬＵＩＳ　ＯＲＴＥＧＡ.</p>\n`);
    const result = await build();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`report.html:222: the name of record ****1981 would be printed in full ("****") in paragraph 2, written in ${path.join(dir, 'body.hbs')}:3;`);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });

  it('covers metrics.json too, naming the output and line', async () => {
    await edit(config, (t) => `${t}privacy:\n  allow: [Marcus Webb]\n`.replace('released: { label: Released,', 'released: { label: Released (Luis Ortega),'));
    const result = await build();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`metrics.json:12: the name of record ****1981 would be printed in full ("****") at metrics.released.label, written in ${config}:42;`);
    expect(result.stderr).not.toContain('Luis Ortega');
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });
});

describe('the check of the review\'s workpapers', () => {
  it('names the sheet and the cell a pii value is in, as Excel\'s Go To takes it, and writes no review', async () => {
    // Marcus Webb's record names Luis Ortega (a record's pii name) as its sponsor, a field that is not pii.
    await edit(config, (t) =>
      `${t}privacy:\n  allow: [Marcus Webb]\n`
        .replace('    housing: { type: enum', '    sponsor: { type: string, column: SPONSOR, label: Sponsor }\n    housing: { type: enum')
        .replace('metrics:\n', 'metrics:\n  sponsored: { label: Released to a sponsor, where: { field: sponsor, present: true } }\n'),
    );
    for (const [month, sponsor] of [['2024-04', ''], ['2024-05', 'Luis Ortega']] as const) {
      await edit(path.join(dir, `snapshots/${month}.csv`), (t) =>
        t.replace('NAME,', 'NAME,SPONSOR,').replace(/^(B2024\d+,[^,]*,)/gm, (cells: string) => (cells.startsWith('B2024000007') ? `${cells}${sponsor},` : `${cells},`)),
      );
    }
    const result = await cli(['review', '--config', config, '--period', '2024-05', '--as-of', asOf, '--out', out, '--json']);
    expect(result.code).toBe(1);
    const { problems } = JSON.parse(result.stdout);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'workpapers.xlsx',
        sheet: 'sponsored',
        line: 4,
        columnName: 'D',
        message: 'the name of record ****1981 would be printed in full ("****") in cell sponsored!D4 (Sponsor after); nothing was written',
      }),
    ]);
    expectNoPersonalData(result.stdout);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });
});

describe('grouping by a pii field', () => {
  it('counts by the real value and labels two values that mask alike distinctly', async () => {
    await edit(config, (t) => `${t}privacy:\n  allow: [Marcus Webb]\n`.replace('metrics:\n', 'metrics:\n  perBooking: { label: People per booking number, groupBy: bookingNumber }\n'));
    const result = await build();
    expect(result.stderr).toBe('');
    const metrics = JSON.parse(await readFile(path.join(out, '2024-05/metrics.json'), 'utf8'));
    // B2024001981 and B2024011981 both mask to ****1981: two people, two groups, not one group of 2.
    expect(metrics.metrics.perBooking.value).toEqual({ '****0007': 1, '****1981 (1)': 1, '****1981 (2)': 1 });
    expect(metrics.metrics.perBooking.prior).toEqual({ '****0007': 1, '****1981 (1)': 1, '****1981 (2)': 1 });
    expect(metrics.metrics.perBooking.delta).toEqual({ '****0007': 0, '****1981 (1)': 0, '****1981 (2)': 0 });
    expectNoPersonalData(JSON.stringify(metrics));
  });
});

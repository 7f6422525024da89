/** `court-report status` and `calendar` through the real CLI. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, exampleConfig } from '../e2e/cli.js';

describe('court-report status', () => {
  it('shows filed, built and overdue periods, as text and as JSON', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-status-'));
    const common = ['--config', exampleConfig, '--out', out, '--html-only'];
    expect((await cli(['build', ...common, '--period', '2024-04', '--as-of', '2024-05-13', '--final'])).code).toBe(0);
    expect((await cli(['build', ...common, '--period', '2024-05', '--as-of', '2024-06-14'])).code).toBe(0);
    const json = await cli(['status', '-c', exampleConfig, '-o', out, '--as-of', '2024-06-20', '--json']);
    expect(json.stderr).toBe('');
    const status = JSON.parse(json.stdout);
    expect(status).toMatchObject({ case: 'florida-v-mayorkas', asOf: '2024-06-20', warnings: [] });
    expect(status.periods).toHaveLength(12);
    expect(status.periods[10]).toEqual({ period: '2024-04', snapshot: 'snapshots/2024-04.csv', snapshotPresent: true, report: 'final', filedAsOf: '2024-05-13', dueDate: '2024-05-14', overdue: false });
    expect(status.periods[11]).toEqual({ period: '2024-05', snapshot: 'snapshots/2024-05.csv', snapshotPresent: true, report: 'draft', filedAsOf: null, dueDate: '2024-06-14', overdue: true });
    expect(status.periods[0]).toMatchObject({ period: '2023-06', report: 'none', overdue: true });
    const text = await cli(['status', '-c', exampleConfig, '-o', out, '--as-of', '2024-06-14']);
    expect(text.stdout).toContain('2024-04  snapshot  filed (final, as of 2024-05-13)  due 2024-05-14\n');
    expect(text.stdout).toMatch(/\n2024-05 +snapshot +built \(draft\) +due 2024-06-14\n/);
    expect(text.stdout).toContain('florida-v-mayorkas as of 2024-06-14: 12 periods, 1 filed, 10 overdue\n');
  });

  it('says when a snapshot is missing', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'court-report-status-'));
    expect((await cli(['init', 'florida', '--example'], { cwd: work })).code).toBe(0);
    await rm(path.join(work, 'florida/snapshots/2024-02.csv'));
    const result = await cli(['status', '-c', 'florida/report.yaml', '--as-of', '2024-03-01'], { cwd: work });
    expect(result.stdout).toMatch(/\n2024-02 +snapshot MISSING +not built +due 2024-03-14\n/);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(10);
  });
});

describe('court-report calendar', () => {
  it('writes an .ics file with --out and prints it otherwise, the same bytes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-calendar-'));
    const file = path.join(dir, 'due.ics');
    const written = await cli(['calendar', '-c', exampleConfig, '-o', file, '--as-of', '2024-06-01', '--remind', '7']);
    expect(written.code).toBe(0);
    const printed = await cli(['calendar', '--config', exampleConfig, '--as-of', '2024-06-01', '--remind', '7']);
    expect(await readFile(file, 'utf8')).toBe(printed.stdout);
    expect(printed.stdout).toContain('DTSTART;VALUE=DATE:20240614\r\n');
    expect(printed.stdout.match(/TRIGGER:-P7D\r\n/g)).toHaveLength(12);
  });

  it('refuses a reminder that is not a number of days', async () => {
    const result = await cli(['calendar', '-c', exampleConfig, '--remind', '2h']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--remind must be a whole number of days from 0 to 60, got "2h"');
  });

  it('gives every due date as JSON with --json, the same events as the .ics, the same bytes each run', async () => {
    const args = ['calendar', '-c', exampleConfig, '--as-of', '2024-06-01', '--remind', '7'];
    const json = await cli([...args, '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect((await cli([...args, '--json'])).stdout).toBe(json.stdout);
    const calendar = JSON.parse(json.stdout);
    expect(calendar).toMatchObject({ ok: true, case: 'florida-v-mayorkas', caseNumber: '3:23-cv-9962-TKW-ZCB', asOf: '2024-06-01', remindDays: 7, file: null, warnings: [] });
    expect(calendar.periods).toHaveLength(12);
    expect(calendar.periods[11]).toEqual({
      period: '2024-05',
      snapshotDate: '2024-05-31',
      dueDate: '2024-06-14',
      remindOn: '2024-06-07',
      uid: 'florida-v-mayorkas-2024-05@court-report',
      summary: 'Status report due: State of Florida v. Alejandro Mayorkas, No. 3:23-cv-9962-TKW-ZCB (May 2024)',
      description: "DEFENDANTS' STATUS REPORT for May 2024 (figures as of 2024-05-31), due 2024-06-14 under the order of 2023-05-16 (ECF No. 30).",
    });
    // September 2023's 14th day after the snapshot is a Saturday: Rule 6(a) moves it to Monday.
    expect(calendar.periods[3]).toMatchObject({ period: '2023-09', dueDate: '2023-10-16', remindOn: '2023-10-09' });
    const ics = (await cli(args)).stdout;
    const events = [...ics.matchAll(/UID:(\S+)\r\nDTSTAMP:\S+\r\nDTSTART;VALUE=DATE:(\d{8})\r\n/g)].map(([, uid, day]) => ({ uid, day }));
    expect(events).toEqual(calendar.periods.map((p: { uid: string; dueDate: string }) => ({ uid: p.uid, day: p.dueDate.replaceAll('-', '') })));
  });

  it('writes the .ics with --out --json and names it in the JSON', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-calendar-'));
    const file = path.join(dir, 'due.ics');
    const result = await cli(['calendar', '-c', exampleConfig, '-o', file, '--as-of', '2024-06-01', '--json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, file, remindDays: 3 });
    expect(await readFile(file, 'utf8')).toBe((await cli(['calendar', '-c', exampleConfig, '--as-of', '2024-06-01'])).stdout);
  });

  it('puts a fixed due date on a weekend in the JSON warnings, not on standard error', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'court-report-calendar-'));
    expect((await cli(['init', 'florida', '--example'], { cwd: work })).code).toBe(0);
    const config = path.join(work, 'florida/report.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('daysAfterSnapshot: 14', 'dayOfFollowingMonth: 14'));
    const result = await cli(['calendar', '-c', config, '--as-of', '2024-06-01', '--json']);
    expect(result.stderr).toBe('');
    const calendar = JSON.parse(result.stdout);
    expect(calendar.periods[3]).toMatchObject({ period: '2023-09', dueDate: '2023-10-14' });
    expect(calendar.warnings[0]).toMatch(/^the 2023-09 report is due 2023-10-14, a Saturday: .* \(2023-10-16\)$/);
  });

  it('gives a definition without a due date as a JSON problem at its periods line, exit 1', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'court-report-calendar-'));
    expect((await cli(['init', 'florida', '--example'], { cwd: work })).code).toBe(0);
    const config = path.join(work, 'florida/report.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(/  due:\n    daysAfterSnapshot: 14\n/, ''));
    const result = await cli(['calendar', '-c', config, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      // At the periods key, where periods.due belongs.
      problems: [{ file: config, line: 40, column: 1, message: 'the report definition sets no due date, so there is nothing to put in a calendar', hint: expect.stringContaining('periods.due') }],
    });
  });
});

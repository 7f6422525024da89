/** `court-report status` and `calendar` through the real CLI. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
});

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
      expect(result.stderr).toContain('2024-04.csv:2 (column DOB): not a calendar date (personal data, shown masked): got "**********"');
      expect(result.stderr).toContain('2024-04.csv:4 (column BOOKING): duplicate Booking number "***********", also on line 3');
      expect(result.stderr).not.toContain('1985-13-45');
      expect(result.stderr).not.toContain('B2024011981');
    }
  });
});

/**
 * Masks as Fed. R. Civ. P. 5.2(a) allows them, through the real CLI, on a
 * juvenile-detention case whose youth number (the key), name and date of
 * birth are pii: a date shows its year, a name initials, an identifier its
 * last digits, never the value's length; values that mask alike stay apart;
 * the free-text --reason of a final build is checked like every output.
 */
import { cp, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, root } from './cli.js';

/** April: 1001 Jordan Kavanaugh (born 2009-01-23), 1500 Ana Kim; May: 1001 gone, 2001 Jordan Keller (born 2009-11-23) added. */
const fixture = path.join(root, 'test/fixtures/privacy-juvenile');
const PII = ['1001', '2001', '1500', 'Jordan', 'Kavanaugh', 'Keller', 'Ana Kim', '2009-01-23', '2009-11-23', '2010-05-02', 'augh', 'ller'];
const asOf = '2024-06-14';
let config: string;
let out: string;

beforeEach(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-masks-'));
  await cp(fixture, dir, { recursive: true });
  config = path.join(dir, 'report.yaml');
  out = path.join(dir, 'out');
});

const build = (...extra: string[]) => cli(['build', '--config', config, '--period', '2024-05', '--as-of', asOf, '--html-only', '--out', out, ...extra]);
const json = async (file: string) => JSON.parse(await readFile(path.join(out, '2024-05', file), 'utf8'));

function expectNoPersonalData(text: string): void {
  for (const value of PII) expect(text).not.toContain(value);
}

describe('masks of pii groups', () => {
  it('labels dates of birth by year only, numbered where two share a year', async () => {
    expect((await build()).stderr).toBe('');
    const metrics = await json('metrics.json');
    expect(metrics.metrics.byBirth.value).toEqual({ '2009-**-** (1)': 0, '2009-**-** (2)': 1, '2010-**-**': 1 });
    expect(metrics.metrics.byBirth.prior).toEqual({ '2009-**-** (1)': 1, '2009-**-** (2)': 0, '2010-**-**': 1 });
    expectNoPersonalData(JSON.stringify(metrics));
  });

  it('labels names by initials only, with no length signal, numbered where initials collide', async () => {
    expect((await build()).stderr).toBe('');
    const metrics = await json('metrics.json');
    expect(metrics.metrics.byName.value).toEqual({ 'A. K.': 1, 'J. K. (1)': 0, 'J. K. (2)': 1 });
    expectNoPersonalData(await readFile(path.join(out, '2024-05/report.html'), 'utf8'));
  });
});

describe('masked record keys', () => {
  it('tells apart in diff.json a removed and an added key that mask alike', async () => {
    expect((await build()).stderr).toBe('');
    const diff = await json('diff.json');
    expect(diff.removed).toEqual(['****001 #1']);
    expect(diff.added).toEqual(['****001 #2']);
    expect(diff.changed).toEqual(['****500']);
    expectNoPersonalData(JSON.stringify(diff));
  });

  it('diff --json tells them apart the same way', async () => {
    const result = await cli(['diff', '--config', config, '--period', '2024-05', '--as-of', asOf, '--json']);
    expect(result.stderr).toBe('');
    const diff = JSON.parse(result.stdout);
    expect([diff.removed, diff.added]).toEqual([['****001 #1'], ['****001 #2']]);
  });
});

describe('the reason of a final build', () => {
  const accept = ['--final', '--accept', 'youthNumber.removed', '--reason'];

  it('is refused when it names a youth, saying --reason, with the value masked, nothing written', async () => {
    const result = await build(...accept, 'Youth 1001 Jordan Kavanaugh transferred');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--reason:1: the youthNumber of record ****001 would be printed in full ("****"); nothing was written');
    expectNoPersonalData(result.stderr);
    expect(existsSync(out) ? await readdir(out, { recursive: true }) : []).toEqual([]);
  });

  it('is kept in manifest.json when it names no one', async () => {
    const result = await build(...accept, 'transferred to the state facility');
    expect(result.stderr).toBe('');
    const manifest = await json('manifest.json');
    expect(manifest.accepted).toEqual([{ id: 'youthNumber.removed', message: '1 record that counted in the prior period and is gone from the snapshot', reason: 'transferred to the state facility' }]);
    expectNoPersonalData(JSON.stringify(manifest));
  });
});

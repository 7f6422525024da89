/**
 * Bad inputs found by trying the tool as a new user would, on a case of
 * another shape (a TPS docket, Spanish headers, a semicolon Windows-1252
 * export): each fixture of test/fixtures/bad/ named here breaks the base
 * fixture the way that case broke, and the real CLI must fail cleanly.
 */
import { cp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../e2e/cli.js';
import { build, failure, fixtures, slow, tempDir, validate } from './harness.js';

/** Builds a fixture that must build, and returns its metrics.json. */
async function builtMetrics(fixture: string): Promise<Record<string, { value: unknown }>> {
  const out = await tempDir('out');
  const result = await cli(['build', '--config', 'report.yaml', '--period', '2024-05', '--html-only', '--as-of', '2024-06-30', '--out', out], {
    cwd: path.join(fixtures, fixture),
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(await readFile(path.join(out, '2024-05', 'metrics.json'), 'utf8')).metrics;
}

describe.concurrent('found as a new user', slow, () => {
  it('a key that names no field is a problem at its line for validate too, not an internal error', async () => {
    const expected = failure(
      'report.yaml:23:8: unknown field "caseID", expected a field declared under snapshots.fields (caseId, releasedOn, status, hearings, office)',
      '    hint: did you mean "caseId"?',
    );
    expect(await validate('validate-key-not-a-field')).toEqual(expected);
    expect(await build('validate-key-not-a-field')).toEqual(expected);
  });

  it('an invisible character in a name is shown as an escape, so the message explains the mismatch', async () => {
    expect(await validate('yaml-invisible-character')).toEqual(
      failure(
        'report.yaml:23:8: unknown field "\\u200fcaseId", expected a field declared under snapshots.fields (caseId, releasedOn, status, hearings, office)',
        '    hint: did you mean "caseId"?',
      ),
    );
  });

  it('two files for one month (an .xlsx and a .csv both matching snapshots.path) are refused, not read in list order', async () => {
    const expected = failure(
      // At the path key: the list as a whole names two files.
      'report.yaml:22:3: 2 snapshots for 2024-05: found snapshots/2024-05.xlsx and snapshots/2024-05.csv, expected one',
      '    hint: keep the export to report and move the other out of the folder (a list in snapshots.path is for months sent in different formats, one file each)',
    );
    expect(await build('snapshot-two-files-one-month')).toEqual(expected);
    expect(await validate('snapshot-two-files-one-month')).toEqual(expected);
  });

  it('a column typed with a combining accent finds the header Excel wrote with one character', async () => {
    const metrics = await builtMetrics('csv-header-decomposed-accent');
    expect(metrics.byOffice!.value).toEqual({ Miami: 2, Tampa: 2, Orlando: 1 });
  });

  it('an enum value typed with a combining accent counts the cells written with one character', async () => {
    const metrics = await builtMetrics('csv-enum-decomposed-accent');
    expect(metrics.removed!.value).toBe(1);
  });

  // Made at test time: a link that loops, kept in the repository, would trip every tool that walks it.
  async function withLoop(file: string): Promise<string> {
    const dir = await tempDir('loop');
    await cp(path.join(fixtures, 'valid'), dir, { recursive: true });
    await rm(path.join(dir, file));
    await symlink(path.basename(file), path.join(dir, file));
    return dir;
  }

  it('a snapshot that is a symbolic link to itself is named as such, not "not found"', async () => {
    const dir = await withLoop('snapshots/2024-05.csv');
    const expected = failure('report.yaml:22:9: cannot read snapshots/2024-05.csv: it has too many symbolic links [ELOOP]', '    hint: check for a symbolic link that points to itself');
    expect(await build('valid', { dir })).toEqual(expected);
    expect(await validate('valid', { dir })).toEqual(expected);
  });

  it('a link that loops, named by the second path of a list, is told at that item of snapshots.path, by build, validate and diff', async () => {
    const dir = await withLoop('snapshots/2024-05.csv');
    const config = path.join(dir, 'report.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('  path: snapshots/{period}.csv', '  path: ["snapshots/{period}.xlsx", "snapshots/{period}.csv"]'));
    const problem = 'report.yaml:22:37: cannot read snapshots/2024-05.csv: it has too many symbolic links [ELOOP]';
    const expected = failure(problem, '    hint: check for a symbolic link that points to itself');
    expect(await build('valid', { dir })).toEqual(expected);
    expect(await validate('valid', { dir })).toEqual(expected);
    const diff = await cli(['diff', '-c', 'report.yaml', '-p', '2024-05', '--as-of', '2024-06-30', '--json'], { cwd: dir });
    expect(diff.code).toBe(1);
    expect(JSON.parse(diff.stdout).problems).toEqual([expect.objectContaining({ file: 'report.yaml', line: 22, column: 37, text: problem })]);
  });

  it('a month that none of a list of paths names is told at the path key, every path tried named', async () => {
    const dir = await tempDir('list');
    await cp(path.join(fixtures, 'valid'), dir, { recursive: true });
    await rm(path.join(dir, 'snapshots/2024-05.csv'));
    const config = path.join(dir, 'report.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('  path: snapshots/{period}.csv', '  path: ["snapshots/{period}.xlsx", "snapshots/{period}.csv"]'));
    expect(await build('valid', { dir })).toEqual(
      failure(
        'report.yaml:22:3: snapshot for 2024-05 not found: tried snapshots/2024-05.xlsx, snapshots/2024-05.csv',
        '    hint: add the file, or check snapshots.path in the config ({period} stands for the period, YYYY-MM)',
      ),
    );
  });

  it('a template body that is a symbolic link to itself is named as such, not "not found"', async () => {
    const dir = await withLoop('body.hbs');
    expect(await build('valid', { dir })).toEqual(
      failure('cannot read body.hbs: it has too many symbolic links [ELOOP]', '    hint: check for a symbolic link that points to itself'),
    );
  });

  it('calendar --out naming a folder, or a path under a file, is a problem naming it, not an internal error', async () => {
    const dir = await tempDir('calendar');
    const cwd = await tempDir('calendar-case');
    await cp(path.join(fixtures, 'valid'), cwd, { recursive: true });
    const config = path.join(cwd, 'report.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('  first: 2024-04\n', '  first: 2024-04\n  due: { daysAfterSnapshot: 14 }\n'));
    const into = await cli(['calendar', '--config', 'report.yaml', '--as-of', '2024-06-30', '--out', dir], { cwd });
    expect(into.code).toBe(1);
    expect(into.stderr).toBe(`court-report: error:\n  cannot write ${dir}: it is a folder where a file was expected [EISDIR]\n      hint: remove or rename the folder, or choose another path\n`);
    const under = await cli(['calendar', '--config', 'report.yaml', '--as-of', '2024-06-30', '--out', 'report.yaml/due.ics'], { cwd });
    expect(under.code).toBe(1);
    expect(under.stderr).toMatch(/^court-report: error:\n {2}cannot write \S*report\.yaml\/due\.ics.*: it (exists and is not a folder \[EEXIST\]|is not a folder \(a part of the path is a file\) \[ENOTDIR\])\n/);
  });
});

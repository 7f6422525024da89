/**
 * Bad input that used to pass and change a figure (issue 9 §4): each must
 * now fail at its file and line, or be done as asked.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../e2e/cli.js';
import { build, failure, fixtures, slow, tempDir } from './harness.js';

describe.concurrent('the command line', slow, () => {
  it('build builds every --period given, not only the last', async () => {
    const out = await tempDir('out');
    const args = ['build', '--config', 'report.yaml', '--period', '2024-05', '--period', '2024-04', '--html-only', '--as-of', '2024-06-30', '--out', out];
    const result = await cli(args, { cwd: path.join(fixtures, 'valid') });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Periods are built side by side, printed in period order whatever order they were given or finished in, then a summary.
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines.slice(0, 2).map((line) => line.slice(0, 8))).toEqual(['2024-04:', '2024-05:']);
    expect(lines[2]).toMatch(/^built 2 of 2 reports in \d+\.\d s$/);
    expect((await readdir(out)).sort()).toEqual(['2024-04', '2024-05']);
  });

  it('diff refuses a second --period (it compares one period)', async () => {
    const args = ['diff', '--config', 'report.yaml', '--period', '2024-04', '--period', '2024-05', '--as-of', '2024-06-30'];
    const result = await cli(args, { cwd: path.join(fixtures, 'valid') });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('court-report: --period is given 2 times (2024-04, 2024-05); this command reports on one period');
    expect(result.stdout).toBe('');
  });

  it('verify refuses a second --period', async () => {
    const result = await cli(['verify', '--config', 'report.yaml', '--period', '2024-04', '--period', '2024-05'], { cwd: path.join(fixtures, 'valid') });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('court-report: --period is given 2 times (2024-04, 2024-05); this command reports on one period');
  });
});

describe.concurrent('a report definition that would pass and change a figure', slow, () => {
  it('a metric named __proto__ is an error at its line, not dropped', async () => {
    expect(await build('metric-named-proto')).toEqual(
      failure(
        'report.yaml:31:3: "__proto__" cannot be used as a name: it has a special meaning in JavaScript objects and would be lost or misread',
        '    hint: rename it (e.g. proto, builder)',
      ),
    );
  });

  it('a field named constructor is an error at its line', async () => {
    expect(await build('field-named-constructor')).toEqual(
      failure(
        'report.yaml:29:5: "constructor" cannot be used as a name: it has a special meaning in JavaScript objects and would be lost or misread',
        '    hint: rename it (e.g. proto, builder)',
      ),
    );
  });

  it('a snapshot path without {period} is an error at its line', async () => {
    expect(await build('path-without-period')).toEqual(
      failure(
        'report.yaml:22:9: snapshots.path has no {period}, so every period would read the same file and report no change: got "snapshots/cases.csv", expected a path with {period} where the month goes',
        "    hint: name each month's file by its period, e.g. snapshots/{period}.csv for snapshots/2024-05.csv",
      ),
    );
  });

  it('an item of a snapshot path list without {period}, at the item\'s line', async () => {
    expect(await build('path-list-item-without-period')).toEqual(
      failure(
        'report.yaml:22:7: snapshots.path[1] has no {period}, so every period would read the same file and report no change: got "snapshots/latest.csv", expected a path with {period} where the month goes',
        "    hint: name each month's file by its period, e.g. snapshots/{period}.csv for snapshots/2024-05.csv",
      ),
    );
  });
});

describe.concurrent('a snapshot that would pass and change a figure', slow, () => {
  it('two header columns equal but for a trailing space: ambiguous, both named', async () => {
    expect(await build('csv-header-space-twin')).toEqual(
      failure(
        'snapshots/2024-05.csv:1: field status (column "STATUS") could be read from "STATUS" (column 3) or "STATUS " (column 6): they differ only in spaces or case',
        '    hint: rename or remove one, so that one column holds the field',
      ),
    );
  });

  it('a JSON record with the same property twice: ambiguous, both places named', async () => {
    expect(await build('json-duplicate-property')).toEqual(
      failure(
        'snapshots/2024-05.json:14:5: record 2 has the property "STATUS" twice (first at line 12, column 5); which value counts is ambiguous',
        '    hint: remove one of them',
      ),
    );
  });
});

describe.concurrent('report.html opened in a browser', slow, () => {
  it('carries a Content-Security-Policy that allows no script and no fetch', async () => {
    const out = await tempDir('out');
    const args = ['build', '--config', 'report.yaml', '--period', '2024-05', '--html-only', '--as-of', '2024-06-30', '--out', out];
    expect((await cli(args, { cwd: path.join(fixtures, 'valid') })).code).toBe(0);
    const html = await readFile(path.join(out, '2024-05/report.html'), 'utf8');
    expect(html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1]).toBe(
      "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
    );
  });

  it('a triple-stash on snapshot data is warned about at its line, and the build goes on', async () => {
    const out = await tempDir('out');
    const args = ['build', '--config', 'report.yaml', '--period', '2024-05', '--html-only', '--as-of', '2024-06-30', '--out', out];
    const result = await cli(args, { cwd: path.join(fixtures, 'template-triple-stash') });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'court-report: warning: body.hbs:1:119: {{{metrics.byOffice.groups.0.name}}} prints its value unescaped: markup in snapshot data (a <script>) would reach report.html\n' +
        '    hint: use {{ }} unless the value is markup you wrote; report.html allows no script, but the markup still shows\n',
    );
  });
});

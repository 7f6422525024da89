/**
 * Inputs that used to crash ("internal error" with a stack) or never finish
 * (issue 9 §3): each is now one message at its file and line.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../e2e/cli.js';
import { build, failure, fixtures, slow } from './harness.js';

describe.concurrent('a report definition that used to crash', slow, () => {
  it('aliases that expand a few lines into millions of values (billion laughs)', async () => {
    expect(await build('yaml-billion-laughs')).toEqual(
      failure(
        'report.yaml:7:10: invalid YAML: its aliases (*name) expand to too many copies of their anchors (&name)',
        '    hint: a report definition needs few aliases, if any: write the values out, or use each anchor a few times only',
      ),
    );
  });

  it('a last period in year 9999, whose due date would fall in year 10000', async () => {
    expect(await build('period-year-10000')).toEqual(
      failure('report.yaml:21:9: periods.last: must be a month from 1000-01 through 9998-12, so that its dates, the due date too, have four-digit years: got "9999-12"'),
    );
  });

  it('a first period before year 1000', async () => {
    expect(await build('period-year-before-1000')).toEqual(
      failure('report.yaml:20:10: periods.first: must be a month from 1000-01 through 9998-12, so that its dates, the due date too, have four-digit years: got "0999-12"'),
    );
  });

  it('a due rule a hundred million days after the snapshot', async () => {
    expect(await build('due-days-too-many')).toEqual(failure('report.yaml:21:29: invalid periods.due.daysAfterSnapshot: got 100000000, expected at most 3660'));
  });

  it('--as-of past year 9999 is a usage error', async () => {
    const result = await cli(['build', '--config', 'report.yaml', '--period', '2024-05', '--html-only', '--as-of', '10000-01-01'], { cwd: path.join(fixtures, 'valid') });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('court-report: --as-of must be a calendar date as YYYY-MM-DD, got "10000-01-01"');
  });
});

describe.concurrent('a value too deep to show in full', slow, () => {
  it('a JSON snapshot nested 20,000 deep is shown as a bounded preview', async () => {
    expect(await build('json-deeply-nested')).toEqual(
      failure(
        'snapshots/2024-05.json: must be a list of records (a JSON array of objects): got an object with 1 property',
        '    hint: the records may be the list at records: set snapshots.root to records',
      ),
    );
  });
});

describe.concurrent('a template that used to recurse until the stack ran out', slow, () => {
  it('a body that includes itself', async () => {
    expect(await build('template-partial-itself')).toEqual(
      failure('body.hbs:2:1: partial "body" includes itself', '    hint: a partial cannot include itself, directly or through another partial: it would never finish'),
    );
  });

  it('two partials that include each other, reported once', async () => {
    expect(await build('template-partial-cycle')).toEqual(
      failure(
        'tpl/partials/intro.hbs:2:1: partial "intro" includes itself (intro → summary → intro)',
        '    hint: a partial cannot include itself, directly or through another partial: it would never finish',
      ),
    );
  });
});

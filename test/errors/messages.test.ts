/**
 * Messages that name the cause once, where it is (issue 9 §5): a CSV header
 * that is not the header, a quote left open that pairs with one lines later.
 */
import { describe, expect, it } from 'vitest';
import { build, failure, slow, validate } from './harness.js';

describe.concurrent('a CSV whose header line is not the header', slow, () => {
  it("Excel's sep=, first line", async () => {
    expect(await build('csv-sep-line')).toEqual(
      failure('snapshots/2024-05.csv:1: is Excel\'s separator line "sep=,", not the header', '    hint: delete this first line; the header must be the first line'),
    );
  });

  it('a title line above the header', async () => {
    expect(await build('csv-title-row')).toEqual(
      failure(
        'snapshots/2024-05.csv:1: has 1 value but the lines after it have 5: it looks like a title above the header (line 2?): got "Detention cohort as of May 31 2024"',
        '    hint: delete any title or note lines above the header; the header must be the first line',
      ),
    );
  });

  it('a trailing comma on the header only', async () => {
    expect(await build('csv-header-trailing-comma')).toEqual(
      failure(
        'snapshots/2024-05.csv:1: ends with an empty column (a trailing comma) that the lines after it do not have',
        '    hint: remove the comma at the end of the header line',
      ),
    );
  });
});

describe.concurrent('a CSV quote left open', slow, () => {
  it('is reported on the line where it opened, not where parsing failed', async () => {
    expect(await build('csv-quote-runs-on')).toEqual(
      failure(
        'snapshots/2024-05.csv:3: is not valid CSV: a quoted value opened on this line is never closed on it: it runs on to the next quote, on line 6, where more text follows',
        '    hint: a value with commas, quotes or line breaks must be in double quotes, with quotes inside it doubled ("")',
      ),
    );
  });
});

describe.concurrent('validate reports every problem, once', slow, () => {
  it('a misspelt key in periods hides neither bad field names nor bad enum values', async () => {
    expect(await validate('validate-typo-hides-nothing')).toEqual(
      failure(
        'report.yaml:20:3: unknown key "frist" in periods',
        '    hint: did you mean "first"?',
        'report.yaml:32:50: unknown field "stauts", expected a field declared under snapshots.fields (caseId, releasedOn, status, hearings, office)',
        '    hint: did you mean "status"?',
        'report.yaml:33:42: unknown field "ofice", expected a field declared under snapshots.fields (caseId, releasedOn, status, hearings, office)',
        '    hint: did you mean "office"?',
        'report.yaml:35:80: value does not suit field "status" (enum): got "RELEASD", expected one of DETAINED, RELEASED, REMOVED',
        '    hint: did you mean "RELEASED"?',
      ),
    );
  });

  it('twelve missing snapshots are one problem', async () => {
    expect(await validate('validate-snapshots-elsewhere')).toEqual(
      failure(
        'report.yaml:22:9: 12 periods have no snapshot: 2023-06 … 2024-05 (expected exports/{period}.csv)',
        '    hint: add the file, or check snapshots.path in the config ({period} stands for the period, YYYY-MM)',
      ),
    );
  });
});

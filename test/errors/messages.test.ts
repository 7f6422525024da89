/**
 * Messages that name the cause once, where it is (issue 9 §5): a CSV header
 * that is not the header, a quote left open that pairs with one lines later.
 */
import { describe, expect, it } from 'vitest';
import { build, failure, slow } from './harness.js';

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

import Handlebars from 'handlebars';
import { afterEach, describe, expect, it } from 'vitest';
import { HelperMisuse, registerHelpers } from '../../src/render/helpers.js';
import { reportView } from './fixture.js';

/** Renders a one-line template against the fixture view, with the helpers of a report. */
function run(template: string, view: object = reportView()): string {
  const hbs = Handlebars.create();
  registerHelpers(hbs, { fontFaces: '' });
  return hbs.compile(template, { strict: true })(view, { data: { exhibits: [] } });
}

describe('number', () => {
  it('groups thousands', () => expect(run('{{number metrics.total.value}}')).toBe('2,572'));
  it('prints a negative with a true minus', () => expect(run('{{number -1234}}')).toBe('\u22121,234'));
  it('prints a missing prior figure as a dash', () => {
    const view = reportView();
    view.metrics['total']!.prior = null;
    expect(run('{{number metrics.total.prior}}', view)).toBe('\u2014');
  });
});

describe('signed', () => {
  it('marks an increase with +', () => expect(run('{{signed 12}}')).toBe('+12'));
  it('marks a decrease with U+2212', () => expect(run('{{signed metrics.notCheckedIn.delta}}')).toBe('\u22123'));
  it('prints no change as 0', () => expect(run('{{signed metrics.total.delta}}')).toBe('0'));
  it('groups thousands', () => expect(run('{{signed 2572}}')).toBe('+2,572'));
});

describe('percent', () => {
  it('prints one decimal by default', () => expect(run('{{percent metrics.inCountry.value metrics.total.value}}')).toBe('99.5%'));
  it('takes the number of decimals', () => expect(run('{{percent 2558 2572 2}}')).toBe('99.46%'));
  it('has no percentage of zero', () => expect(run('{{percent 0 0}}')).toBe('\u2014'));
});

describe('date', () => {
  const zone = process.env['TZ'];
  afterEach(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('prints a long date by default', () => expect(run('{{date period.end}}')).toBe('May 31, 2024'));
  it('takes a date-fns pattern', () => expect(run('{{date period.end "MMM d, yyyy"}}')).toBe('May 31, 2024'));
  it('prints the written day in any time zone', () => {
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      process.env['TZ'] = tz;
      expect(run('{{date "2024-01-01"}} {{date asOf}}')).toBe('January 1, 2024 June 14, 2024');
    }
  });
  it('rejects a day that does not exist', () => expect(() => run('{{date "2024-02-30"}}')).toThrow(HelperMisuse));
});

describe('month, plural, upper, eq', () => {
  it('names a month', () => expect(run('{{month period.id}}')).toBe('May 2024'));
  it('uses the singular for one', () => expect(run('{{plural 1 "person" "people"}}')).toBe('1 person'));
  it('uses the plural otherwise', () => expect(run('{{plural 2572 "person" "people"}}')).toBe('2,572 people'));
  it('upper-cases', () => expect(run('{{upper case.district}}')).toBe('NORTHERN DISTRICT OF FLORIDA'));
  it('compares', () => expect(run('{{#if (eq period.id "2024-05")}}yes{{/if}}')).toBe('yes'));
});

describe('helper misuse', () => {
  it('names the helper and where it was called', () => {
    let error: unknown;
    try {
      run('line one\n  {{number period.label}}');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HelperMisuse);
    expect((error as HelperMisuse).message).toBe('number: expected a number, got "May 2024"');
    expect((error as HelperMisuse).loc?.start).toEqual({ line: 2, column: 2 });
  });

  it('rejects an unknown metric id with the known ones', () => {
    expect(() => run('{{#with (lookupMetric "nope")}}{{/with}}')).toThrow(/no metric "nope"/);
  });
});

describe('cssString', () => {
  it('quotes for CSS and cannot close the style element', () => {
    expect(run('{{cssString "Case No. " "</style>\\"x"}}')).toBe('"Case No. \\3C /style\\3E \\22 x"');
  });
});

/**
 * The helpers a report template can call. Text helpers return plain strings,
 * which `{{ }}` escapes; only the chart, the fonts and cssString return
 * SafeStrings, built from escaped parts. No helper reads the clock or files.
 */
import type Handlebars from 'handlebars';
import { pleadingGeometry, type CourtFormat } from '../config/local-rules.js';
import { trendChart } from './chart.js';
import { formatCount, formatDate, formatMonth, formatNumber, formatPercent, formatSigned, LONG_DATE, NOT_APPLICABLE } from './format.js';
import type { HistoryPoint, MetricView, ReportView } from './types.js';
import type { PdfExhibitSource } from '../config/types.js';
import { letterAppended } from './appended-exhibits.js';

type HandlebarsInstance = typeof Handlebars;

/** Where a helper was called, as Handlebars passes it: 1-based line, 0-based column. */
export interface TemplateLocation {
  start: { line: number; column: number };
}

/** An exhibit written in the body, printed after the certificate of service. */
export interface Exhibit {
  letter: string;
  title: string;
  content: Handlebars.SafeString;
}

interface HelperOptions {
  name: string;
  hash: Record<string, unknown>;
  data: { root: ReportView; exhibits?: Exhibit[]; appended?: readonly PdfExhibitSource[] };
  loc?: TemplateLocation;
  fn?: (context: unknown) => string;
}

/** A helper called the wrong way: reported with the template's file, line and column. */
export class HelperMisuse extends Error {
  constructor(
    message: string,
    readonly loc: TemplateLocation | undefined,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const USAGE: Record<string, string> = {
  number: '{{number metrics.total.value}}',
  signed: '{{signed metrics.total.delta}}',
  percent: '{{percent metrics.inCountry.value metrics.total.value}} (optional third argument: decimals, default 1)',
  date: '{{date period.end}} or {{date period.end "MMM d, yyyy"}} (a date-fns pattern)',
  month: '{{month period.id}}',
  plural: '{{plural metrics.inCustody.value "person" "people"}}',
  upper: '{{upper case.district}}',
  eq: '{{#if (eq a b)}}',
  sentenceEnd: 'Executed in {{sentenceEnd declarant.place}}',
  lookupMetric: '{{> group-table metric=(lookupMetric "byNationality")}}',
  lookupMetrics: '{{> metric-table rows=(lookupMetrics "total" "checkedIn")}}',
  trendChart: '{{trendChart history "notCheckedIn" "withoutNta" title="..."}}',
  exhibit: '{{#exhibit "Detailed tables"}} ... {{/exhibit}}',
  cssString: 'content: {{cssString "Case No. " case.captionNumber}};',
  pleadingPage: '{{#with (pleadingPage format)}} {{pitchPt}} {{/with}}',
};

function misuse(options: HelperOptions, message: string, hint = `use it as ${USAGE[options.name] ?? options.name}`): HelperMisuse {
  return new HelperMisuse(`${options.name}: ${message}`, options.loc, hint);
}

function arity(args: unknown[], options: HelperOptions, min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw misuse(options, `takes ${wanted} argument${max === 1 ? '' : 's'}, got ${args.length}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (a name that is not defined?)';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? `an ${Array.isArray(value) ? 'array' : 'object'}` : String(value);
}

/** A figure, or null where the view has none (no prior report). */
function figure(value: unknown, options: HelperOptions): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw misuse(options, `expected a number, got ${describe(value)}`);
  return value;
}

function text(value: unknown, options: HelperOptions, what = 'a text'): string {
  if (typeof value !== 'string') throw misuse(options, `expected ${what}, got ${describe(value)}`);
  return value;
}

function metricById(id: unknown, options: HelperOptions): MetricView {
  const metrics = options.data.root.metrics;
  const metric = typeof id === 'string' && Object.hasOwn(metrics, id) ? metrics[id] : undefined;
  if (!metric) throw misuse(options, `no metric ${describe(id)}`, `the metrics of this report are: ${Object.keys(metrics).join(', ')}`);
  return metric;
}

/** A date-fns RangeError (bad pattern, bad date) becomes a misuse at the call. */
function dated(options: HelperOptions, print: () => string): string {
  try {
    return print();
  } catch (error) {
    if (error instanceof RangeError) throw misuse(options, error.message);
    throw error;
  }
}


export function registerHelpers(hbs: HandlebarsInstance, assets: { fontFaces: string }): void {
  const define = (name: string, helper: (this: unknown, args: unknown[], options: HelperOptions) => unknown) => {
    hbs.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args.pop() as HelperOptions;
      return helper.call(this, args, options);
    });
  };

  define('number', (args, options) => {
    arity(args, options, 1);
    const value = figure(args[0], options);
    return value === null ? NOT_APPLICABLE : formatNumber(value);
  });
  define('signed', (args, options) => {
    arity(args, options, 1);
    const value = figure(args[0], options);
    return value === null ? NOT_APPLICABLE : formatSigned(value);
  });
  define('percent', (args, options) => {
    arity(args, options, 2, 3);
    const [part, whole] = [figure(args[0], options), figure(args[1], options)];
    const digits = args[2] ?? 1;
    if (typeof digits !== 'number' || !Number.isInteger(digits) || digits < 0 || digits > 4) {
      throw misuse(options, `decimals must be a whole number from 0 to 4, got ${describe(digits)}`);
    }
    return part === null || whole === null ? NOT_APPLICABLE : formatPercent(part, whole, digits);
  });
  define('date', (args, options) => {
    arity(args, options, 1, 2);
    if (args[0] === null) return NOT_APPLICABLE;
    const iso = text(args[0], options, 'a date as YYYY-MM-DD');
    const pattern = args.length > 1 ? text(args[1], options, 'a date-fns pattern') : LONG_DATE;
    return dated(options, () => formatDate(iso, pattern));
  });
  define('month', (args, options) => {
    arity(args, options, 1);
    if (args[0] === null) return NOT_APPLICABLE;
    return dated(options, () => formatMonth(text(args[0], options, 'a month as YYYY-MM')));
  });
  define('plural', (args, options) => {
    arity(args, options, 3);
    const count = figure(args[0], options);
    if (count === null) throw misuse(options, 'expected a number, got an empty value');
    return formatCount(count, text(args[1], options), text(args[2], options));
  });
  define('upper', (args, options) => {
    arity(args, options, 1);
    const value = args[0];
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    return text(value, options).toUpperCase();
  });
  /** Ends a sentence with the text: "Washington, D.C." takes no second period. */
  define('sentenceEnd', (args, options) => {
    arity(args, options, 1);
    const value = text(args[0], options);
    return /[.!?]$/.test(value) ? value : `${value}.`;
  });
  define('eq', (args, options) => {
    arity(args, options, 2);
    return args[0] === args[1];
  });

  define('lookupMetric', (args, options) => {
    arity(args, options, 1);
    return metricById(args[0], options);
  });
  define('lookupMetrics', (args, options) => {
    arity(args, options, 1, Infinity);
    return args.map((id) => metricById(id, options));
  });

  define('trendChart', (args, options) => {
    arity(args, options, 2, Infinity);
    const [history, ...ids] = args;
    if (!Array.isArray(history)) throw misuse(options, `expected the history (an array) first, got ${describe(history)}`);
    const series = ids.map((id) => ({ id: id as string, label: metricById(id, options).label }));
    const points = history as HistoryPoint[];
    const first = points[0]?.period.label;
    const last = points[points.length - 1]?.period.label;
    const title = options.hash['title'] ?? (first === last ? `Figures for ${first ?? 'no period'}` : `Figures at the end of each period, ${first} \u2013 ${last}`);
    return new hbs.SafeString(trendChart(points, series, { title: text(title, options, 'a title') }));
  });

  define('exhibit', function (this: unknown, args, options) {
    arity(args, options, 1);
    const exhibits = options.data.exhibits;
    if (!exhibits || !options.fn) throw misuse(options, 'is a block helper of the report body');
    if (exhibits.length >= 26) throw misuse(options, 'a report has at most 26 exhibits (A to Z)');
    const letter = String.fromCharCode(65 + exhibits.length);
    // Rendered here, in the body's context; printed by the layout after the certificate of service.
    exhibits.push({ letter, title: text(args[0], options, 'a title'), content: new hbs.SafeString(options.fn(this)) });
    return '';
  });
  define('exhibits', (args, options) => {
    arity(args, options, 0);
    const written = options.data.exhibits ?? [];
    // PDF exhibits with a cover come after, lettered on: the cover is the exhibit partial with no content, the PDF's pages follow it.
    const covers = letterAppended(written.length, options.data.appended ?? [])
      .filter((exhibit) => exhibit.cover)
      .map((exhibit) => ({ letter: exhibit.letter, title: exhibit.title, content: new hbs.SafeString('') }));
    return [...written, ...covers];
  });

  define('fontFaces', (args, options) => {
    arity(args, options, 0);
    return new hbs.SafeString(assets.fontFaces);
  });
  /** A quoted CSS string. `{{ }}` would HTML-escape, which is wrong inside <style>; `<` is escaped so `</style>` cannot occur. */
  define('cssString', (args, options) => {
    arity(args, options, 1, Infinity);
    const joined = args.map((part) => (typeof part === 'number' ? String(part) : text(part, options))).join('');
    const escaped = joined.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `);
    return new hbs.SafeString(`"${escaped}"`);
  });
  /** Pleading paper's fixed pitch, margins and line numbers (1..linesPerPage), and a chart height of whole lines. */
  define('pleadingPage', (args, options) => {
    arity(args, options, 1);
    const geometry = pleadingGeometry(args[0] as CourtFormat);
    return { ...geometry, chartPt: 12 * geometry.pitchPt };
  });
}

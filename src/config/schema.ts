/**
 * The report definition as the user writes it. This one schema validates the
 * YAML, gives the TypeScript types (`ReportDefinition`) and is exported as the
 * JSON Schema in schema/report.schema.json for editors.
 */
import { z } from 'zod';
import { localRuleNames } from './local-rules.js';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month as YYYY-MM' })
  // Dates past year 9999 cannot be written as YYYY; a period of 9999-12 would fall due in year 10000.
  .refine((text) => !/^\d{4}-/.test(text) || inYears(text, 1000, 9998), { error: 'must be a month from 1000-01 through 9998-12, so that its dates, the due date too, have four-digit years' })
  .describe('A month, YYYY-MM.');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((text) => !/^\d{4}-/.test(text) || inYears(text, 1000, 9999), { error: 'must be a date from 1000-01-01 through 9999-12-31 (years have four digits)' })
  .describe('A date, YYYY-MM-DD.');

/** The year of a YYYY-… text is within [from, to]. */
function inYears(text: string, from: number, to: number): boolean {
  const year = Number(text.slice(0, 4));
  return year >= from && year <= to;
}

const nonEmpty = z.string().trim().min(1, { error: 'expected a non-empty text' });

export const fieldTypes = ['string', 'integer', 'number', 'boolean', 'date', 'enum'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** How a number field's export writes its decimals (a European export writes 1.234,5). */
export const decimalSeparators = ['point', 'comma'] as const;

/** How a field's value may move from one period to the next (checked by review). */
export const fieldExpectations = ['fixed', 'setOnce'] as const;

const field = z
  .strictObject({
    type: z.enum(fieldTypes).describe('How values are read: string, integer, number, boolean, date or enum.'),
    label: z.string().optional().describe('Human name of the field, used in tables and messages.'),
    column: z.string().optional().describe('Column (or property) name in the snapshot file, when it differs from the field name.'),
    formats: z
      .array(nonEmpty)
      .min(1)
      .optional()
      .describe('Date fields: accepted input formats in date-fns notation, tried in order. Default: [yyyy-MM-dd].'),
    decimal: z
      .enum(decimalSeparators)
      .optional()
      .describe('Number fields: how the export writes a decimal: point (12.5; commas may group thousands only where a point is the decimal) or comma (12,5 and 1.234,5, as European exports do). Default: point; in a semicolon-separated CSV, a value that reads both ways (1.000) is refused until this is set.'),
    values: z.array(nonEmpty).min(1).optional().describe('Enum fields: the allowed values.'),
    required: z.boolean().optional().describe('An empty value is an error. Default: false (empty means absent).'),
    pii: z
      .boolean()
      .optional()
      .describe('Personal data (Fed. R. Civ. P. 5.2): reaches templates only masked and is never printed in full.'),
    expect: z
      .enum(fieldExpectations)
      .optional()
      .describe('What review expects of the value across periods: fixed (never changes, is never cleared, and is never filled in later) or setOnce (may go from empty to a value, then never changes or is cleared).'),
  })
  .describe('A typed field of the snapshot records.');

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const scalarOrList = z.union([scalar, z.array(scalar)]);
const bound = z.union([z.number(), isoDate]).describe('A number, or a date as YYYY-MM-DD for date fields.');

/** A condition on one record. Exactly one shape per object: a combinator, or a field with one operator. */
export interface Filter {
  all?: Filter[];
  any?: Filter[];
  not?: Filter;
  field?: string;
  present?: boolean;
  absent?: boolean;
  equals?: string | number | boolean | null;
  notEquals?: string | number | boolean | null;
  in?: Array<string | number | boolean | null>;
  notIn?: Array<string | number | boolean | null>;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  withinPeriod?: boolean;
}

export const filterOperators = [
  'present',
  'absent',
  'equals',
  'notEquals',
  'in',
  'notIn',
  'gt',
  'gte',
  'lt',
  'lte',
  'withinPeriod',
] as const;
export type FilterOperator = (typeof filterOperators)[number];

export const filter: z.ZodType<Filter> = z
  .strictObject({
    get all() {
      return z.array(filter).min(1).optional().describe('True when every condition holds.');
    },
    get any() {
      return z.array(filter).min(1).optional().describe('True when at least one condition holds.');
    },
    get not() {
      return filter.optional().describe('True when the condition does not hold.');
    },
    field: z.string().optional().describe('The field the operator tests.'),
    present: z.literal(true).optional().describe('The field has a value.'),
    absent: z.literal(true).optional().describe('The field is empty.'),
    equals: scalar.optional().describe('The field equals this value.'),
    notEquals: scalar.optional().describe('The field has a value other than this one.'),
    in: z.array(scalar).min(1).optional().describe('The field equals one of these values.'),
    notIn: z.array(scalar).min(1).optional().describe('The field has a value, and it is none of these.'),
    gt: bound.optional().describe('Greater than (numbers) or after (dates).'),
    gte: bound.optional().describe('Greater than or equal (numbers), on or after (dates).'),
    lt: bound.optional().describe('Less than (numbers) or before (dates).'),
    lte: bound.optional().describe('Less than or equal (numbers), on or before (dates).'),
    withinPeriod: z.literal(true).optional().describe('A date field falls within the reporting period (inclusive).'),
  })
  .superRefine((value, ctx) => {
    const combinators = (['all', 'any', 'not'] as const).filter((k) => value[k] !== undefined);
    const operators = filterOperators.filter((k) => value[k] !== undefined);
    const shapes = combinators.length + (value.field !== undefined || operators.length > 0 ? 1 : 0);
    if (shapes !== 1 || combinators.length > 1) {
      const found = [...combinators, ...(value.field !== undefined ? ['field'] : []), ...operators];
      ctx.addIssue({
        code: 'custom',
        message: `a condition is exactly one of: all, any, not, or a field with one operator; this one has ${found.join(', ') || 'none of them'}`,
        params: { hint: 'combine conditions with all: [ ... ] or any: [ ... ], one condition per item' },
      });
    } else if (combinators.length === 0) {
      if (value.field === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `"${operators.join('", "')}" needs a field to test`,
          params: { hint: 'add field: <a field under snapshots.fields>' },
        });
      } else if (operators.length === 0) {
        ctx.addIssue({ code: 'custom', message: `the condition on field "${value.field}" has no operator`, params: { hint: `add one of: ${filterOperators.join(', ')}` } });
      } else if (operators.length > 1) {
        const one = (op: FilterOperator) => `{ field: ${value.field}, ${op}: ${JSON.stringify(value[op])} }`;
        ctx.addIssue({
          code: 'custom',
          message: `a condition has exactly one operator; this one has ${operators.length} (${operators.join(', ')})`,
          params: { hint: `to require both, write all: [${operators.map(one).join(', ')}]` },
        });
      }
    }
  })
  .describe('A condition on a record: {all: [...]}, {any: [...]}, {not: ...} or {field, <operator>}.');

const metric = z
  .strictObject({
    label: nonEmpty.describe('What the figure is, as a reader would say it.'),
    where: filter.optional().describe('Counts only records meeting this condition. Default: every record.'),
    groupBy: z.string().optional().describe('Counts per value of this field (e.g. nationality).'),
    top: z.int().positive().optional().describe('With groupBy: keep the N largest groups and fold the rest into `others`.'),
    others: z.string().optional().describe('With top: the label of the folded groups. Default: "All others".'),
  })
  .describe('A named count over the current snapshot, compared with the prior one.');

export const eventChanges = ['set', 'cleared', 'moved', 'changed'] as const;

const event = z
  .strictObject({
    label: nonEmpty.describe('What happened, as a reader would say it.'),
    field: z.string().describe('The field whose change is the event.'),
    change: z
      .enum(eventChanges)
      .optional()
      .describe('set: empty → value; cleared: value → empty; moved: value → another value; changed: any change. Default: changed.'),
    from: scalarOrList.optional().describe('Only changes from this value (or one of these values).'),
    to: scalarOrList.optional().describe('Only changes to this value (or one of these values).'),
    where: filter.optional().describe('Only records that meet this condition in the current snapshot.'),
  })
  .describe('A period-over-period change counted on the diff of a record present in both snapshots.');

/** The rules a check can state; maxChange and maxChangePercent may be given together. */
export const checkRules = ['equals', 'trend', 'sumEquals', 'maxChange', 'maxChangePercent', 'between'] as const;

const check = z
  .strictObject({
    label: nonEmpty.optional().describe('What the check asserts, as a reader would say it. Default: the rule in words.'),
    severity: z.enum(['error', 'warning']).default('error').describe('error (default): a failure blocks build --final unless accepted; warning: listed, never blocks.'),
    metric: nonEmpty.describe('The metric checked, by id.'),
    equals: z.union([z.number(), nonEmpty]).optional().describe('The metric equals this number, or the value of this other metric.'),
    trend: z.enum(['nonDecreasing', 'nonIncreasing']).optional().describe('Against the prior period, the metric never falls (nonDecreasing) or never rises (nonIncreasing).'),
    sumEquals: nonEmpty.optional().describe('A grouped metric: its groups add up to this (ungrouped) metric.'),
    maxChange: z.number().nonnegative().optional().describe('The metric moves by at most this much against the prior period (either way).'),
    maxChangePercent: z.number().nonnegative().optional().describe('The metric moves by at most this percentage of its prior value (either way).'),
    between: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe('The metric lies within [low, high], both included.'),
  })
  .superRefine((value, ctx) => {
    const rules = checkRules.filter((rule) => value[rule] !== undefined);
    const kinds = new Set(rules.map((rule) => (rule === 'maxChangePercent' ? 'maxChange' : rule)));
    if (kinds.size !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a check states exactly one rule (maxChange and maxChangePercent may go together); this one has ${rules.join(', ') || 'none'}`,
        params: { hint: `use one of: ${checkRules.join(', ')}; write two checks for two rules` },
      });
    }
    if (value.between && value.between[0] > value.between[1]) {
      ctx.addIssue({ code: 'custom', path: ['between'], message: `between's low bound ${value.between[0]} is above its high bound ${value.between[1]}` });
    }
  })
  .describe('A declared expectation of a metric, checked by `court-report review` and before build --final.');

const party = z.strictObject({
  names: z.array(nonEmpty).min(1).describe('Party names as captioned, e.g. [State of Florida].'),
  etAl: z.boolean().optional().describe('Add "et al." after the last name.'),
  role: nonEmpty.describe('Role word under the names, e.g. Plaintiff or Defendants.'),
});

const caseInfo = z.strictObject({
  court: nonEmpty.default('United States District Court').describe('Court name.'),
  district: nonEmpty.describe('District, e.g. Northern District of Florida.'),
  division: z.string().optional().describe('Division, e.g. Pensacola Division.'),
  number: nonEmpty.describe('Case number without the judges\' initials, e.g. 3:23-cv-9962.'),
  judges: z.array(nonEmpty).default([]).describe('Judges\' initials appended to the case number, e.g. [TKW, ZCB].'),
  presidingJudge: z.string().optional().describe('Presiding judge, e.g. T. Kent Wetherell II.'),
  plaintiffs: party,
  defendants: party,
  order: z
    .strictObject({
      docket: z.union([z.int().positive(), nonEmpty]).describe('Docket entry (ECF No.) of the order.'),
      date: isoDate.describe('Date of the order.'),
      requires: nonEmpty.describe('One line: what the order requires to be reported.'),
    })
    .describe('The order that requires the reports.'),
});

const filer = z
  .strictObject({
    name: nonEmpty.describe('Signing attorney (or declarant).'),
    barNumber: nonEmpty.describe('Bar number, e.g. "Florida Bar No. 0000000".'),
    title: z.string().optional().describe('Title under the name, e.g. Trial Attorney.'),
    office: nonEmpty.describe('Office or firm.'),
    address: z.array(nonEmpty).min(1).describe('Street address, one line per item.'),
    email: nonEmpty,
    phone: nonEmpty,
    represents: nonEmpty.describe('Party represented, e.g. Counsel for Defendants.'),
  })
  .describe('Signature block (N.D. Fla. Loc. R. 5.1(D)).');

/** The official who signs a declaration (28 U.S.C. § 1746). */
const declarant = z
  .strictObject({
    name: nonEmpty.describe('The declarant, as signed, e.g. John Q. Official.'),
    title: nonEmpty.describe('Position, e.g. Deputy Assistant Director, U.S. Immigration and Customs Enforcement.'),
    place: nonEmpty.describe('Where the declaration is executed, e.g. Washington, D.C.'),
  })
  .describe('The declarant of a declaration or of the declaration attached to a notice.');

export const documentKinds = ['status-report', 'declaration', 'notice-with-declaration'] as const;
export type DocumentKind = (typeof documentKinds)[number];

const periods = z
  .strictObject({
    frequency: z.literal('monthly').default('monthly').describe('Reporting frequency. Only monthly for now.'),
    first: month.describe('The first reporting period.'),
    last: month.optional().describe('The last reporting period, if the order ends.'),
    snapshotDay: z
      .union([z.literal('last'), z.int().min(1).max(31)])
      .default('last')
      .describe('Day of the month each snapshot is taken as of: a day number or "last".'),
    due: z
      .strictObject({
        daysAfterSnapshot: z
          .int()
          .positive()
          .max(3660)
          .optional()
          .describe('Due N days after the snapshot day, counted under Fed. R. Civ. P. 6(a) (weekends and holidays roll forward).'),
        dayOfFollowingMonth: z
          .int()
          .min(1)
          .max(31)
          .optional()
          .describe('Due on this day of the following month, a fixed date (not moved).'),
        holidays: z
          .array(isoDate)
          .optional()
          .describe(
            'Days the court was closed besides the federal holidays (a state holiday under Fed. R. Civ. P. 6(a)(6)(C), a day of mourning): daysAfterSnapshot rolls past them.',
          ),
      })
      .refine((d) => (d.daysAfterSnapshot === undefined) !== (d.dayOfFollowingMonth === undefined), {
        error: 'give exactly one of daysAfterSnapshot or dayOfFollowingMonth',
      })
      .optional()
      .describe('When each report is due.'),
  })
  .describe('The reporting periods.');

export const snapshotEncodings = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type SnapshotEncoding = (typeof snapshotEncodings)[number];
export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];
export const sqlDrivers = ['postgres', 'sqlite'] as const;
export type SqlDriver = (typeof sqlDrivers)[number];

const sqlSource = z
  .strictObject({
    driver: z.enum(sqlDrivers).describe('postgres or sqlite.'),
    url: nonEmpty.describe('env:NAME reads the URL from an environment variable; or a literal postgres:// URL; for sqlite a file path, relative to this file.'),
    query: nonEmpty.describe('One SELECT per period. Named parameters :period, :snapshotDate, :periodStart and :periodEnd are bound by the driver.'),
  })
  .describe('Read each period\'s snapshot from a database query instead of a file.');

const snapshots = z
  .strictObject({
    path: z
      .union([nonEmpty, z.array(nonEmpty).min(1)])
      .optional()
      .describe('Path of each period\'s snapshot, relative to this file, with {period} for YYYY-MM; or a list of such paths, tried in order. Format from the extension: .csv, .json, .yaml/.yml, .xlsx, .parquet.'),
    sql: sqlSource.optional(),
    encoding: z.enum(snapshotEncodings).optional().describe('Text snapshots: the character encoding. Default: UTF-8 (UTF-16 is also recognised by its byte order mark).'),
    delimiter: z.enum(csvDelimiters).optional().describe('CSV: the character between values. Default: ",".'),
    root: nonEmpty.optional().describe('JSON/YAML: where the list of records is inside the document, as dotted property names, e.g. data.items. Default: the document itself.'),
    sheet: z.string().optional().describe('Excel: the sheet to read. Default: the first.'),
    key: nonEmpty.describe('The field that identifies a record across periods.'),
    fields: z.record(z.string(), field).describe('The typed fields, by name.'),
  })
  .describe('Where the monthly snapshots come from (files or a database query) and what their records hold.');

const pdfExhibit = z
  .strictObject({
    title: nonEmpty.describe('What the exhibit is, e.g. "Letter from ICE to counsel, April 2, 2024"; printed on its cover and in its bookmark.'),
    pdf: nonEmpty.describe('The PDF file, relative to this file. Encrypted or damaged files, and files with JavaScript, actions, attachments or media, are refused.'),
    cover: z.boolean().default(false).describe('Print a cover page ("EXHIBIT C" and the title) before its pages. Default: false.'),
  })
  .describe('An existing PDF appended after the exhibits the body writes, lettered after them.');

const template = z
  .strictObject({
    dir: z.string().optional().describe('Template folder, relative to this file, holding only the files it changes (layout.hbs, style.css, partials/*.hbs, body.hbs); the rest come from the bundled court-status-report. Default: the bundled one.'),
    body: z.string().optional().describe('The numbered paragraphs and exhibits of this report (a Handlebars file), relative to this file. Default: the folder\'s body.hbs.'),
    kind: z
      .enum(documentKinds)
      .default('status-report')
      .describe('What is filed: status-report (counsel\'s report), declaration (an official\'s declaration under 28 U.S.C. § 1746), or notice-with-declaration (counsel\'s notice of filing with the declaration as Exhibit 1). Default: status-report.'),
    title: nonEmpty
      .optional()
      .describe('Document title, in capitals, e.g. DEFENDANTS\' STATUS REPORT (for a notice: DEFENDANTS\' NOTICE OF FILING). Required, except for a declaration, which defaults to DECLARATION OF <declarant\'s name>.'),
    filingParty: nonEmpty.describe('Who files, as the opening says it, e.g. Defendants.'),
    serviceByMail: z
      .array(
        z.strictObject({
          name: nonEmpty.describe('The party or person served, e.g. John Roe, pro se.'),
          address: z.array(nonEmpty).min(1).describe('Mailing address, one line per item.'),
        }),
      )
      .min(1)
      .optional()
      .describe('Parties not on CM/ECF, served by first-class mail: the certificate of service says so and lists them. Default: none (CM/ECF only).'),
    filingPartyPlural: z
      .boolean()
      .default(true)
      .describe('Whether filingParty takes a plural verb ("Defendants submit") or not ("The United States submits"). Default: true.'),
    exhibits: z.array(pdfExhibit).default([]).describe('Existing PDFs (a letter, a prior order) appended as exhibits, in order.'),
  })
  .describe('How the report is written.');

const format = z
  .strictObject({
    paper: z.enum(['Letter', 'Legal', 'A4']).optional().describe('Paper size. Default: Letter.'),
    marginInches: z.number().min(0.5).max(2).optional().describe('Margin on every side, in inches (on pleading paper, the top and sides). Default: 1.'),
    fontSizePt: z.number().min(8).max(20).optional().describe('Body text size in points. Default: from output.localRules (nd-fla 14, nd-cal, sdny, ddc 12).'),
    lineSpacing: z.number().min(1).max(3).optional().describe('Body line spacing. Default: 2 (double-spaced).'),
    lineNumbers: z
      .boolean()
      .optional()
      .describe('Line-numbered pleading paper: linesPerPage numbered lines at one fixed pitch (fontSizePt × lineSpacing), every line of text on a number. Default: true for nd-cal, else false.'),
    coCounsel: z.enum(['stacked', 'side-by-side']).optional().describe('With several filers: their signature blocks one under another, or side by side. Default: stacked.'),
    linesPerPage: z.int().min(10).max(60).optional().describe('Numbered lines per page on pleading paper. Default: 28 (N.D. Cal. Civil L.R. 3-4(c)).'),
    runningHeader: z.boolean().optional().describe('Case number in a running header. Default: true, except nd-cal (its footer has it).'),
  })
  .describe('Court format; each value left out comes from output.localRules.');

const output = z
  .strictObject({
    dir: z.string().optional().describe('Output folder, relative to this file. Default: out/<id> in the working directory.'),
    pdf: z.boolean().default(true).describe('Print a PDF besides the HTML. Default: true.'),
    docx: z
      .boolean()
      .default(false)
      .describe('Also write report.docx, the same filing as a Word document for counsel to edit (build --docx does the same). Default: false.'),
    watermark: z
      .string()
      .optional()
      .describe('Watermark on every page. Default: DRAFT until --final. A value set here is printed even with --final (e.g. for sample data).'),
    maskVisible: z.int().min(0).max(4).default(4).describe('PII fields show only their last N characters. Default: 4.'),
    localRules: z
      .enum(localRuleNames)
      .default('nd-fla')
      .describe('The court\'s local rules: a preset of every format setting and of the caption\'s layout (nd-fla, nd-cal, sdny, ddc); output.format values override it. Default: nd-fla.'),
    pdfa: z
      .union([z.literal('1b'), z.literal('2b'), z.literal(false)])
      .default(false)
      .describe('Make the PDF a PDF/A file (ISO 19005) of this level: 1b (PDF/A-1b, no transparency) or 2b (PDF/A-2b). Default: false (plain PDF 1.4).'),
    format: format.default({}),
  })
  .describe('Output options.');

const privacy = z
  .strictObject({
    allow: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Values of pii fields that may be printed in full, e.g. a named plaintiff who is also a record. Compared as the check compares (case, Unicode form and spacing ignored).',
      ),
  })
  .describe('Personal data (Fed. R. Civ. P. 5.2): exceptions to the check that no pii value is printed.');

export const reportDefinition = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema for editors; ignored.'),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected lower-case letters, digits and dashes' })
      .describe('Identifier of the case, used for the default output folder.'),
    case: caseInfo.describe('The case caption and the order.'),
    filer: z
      .union([filer, z.array(filer).min(1)])
      .describe('Signature block (N.D. Fla. Loc. R. 5.1(D)), or a list of them for co-counsel: the first signs the certificate of service.'),
    declarant: declarant.optional(),
    periods,
    snapshots,
    metrics: z.record(z.string(), metric).default({}).describe('Named counts, by id.'),
    events: z.record(z.string(), event).default({}).describe('Named period-over-period changes, by id.'),
    checks: z.record(z.string(), check).default({}).describe('Declared checks of the figures, by id; `court-report review` runs them.'),
    template,
    output: output.default(output.parse({})),
    privacy: privacy.default(privacy.parse({})),
  })
  .describe('A court-report report definition.');

/** What the user writes, after defaults. */
export type ReportDefinition = z.infer<typeof reportDefinition>;
export type FieldDefinition = z.infer<typeof field>;
export type MetricDefinition = z.infer<typeof metric>;
export type EventDefinition = z.infer<typeof event>;
export type CheckDefinition = z.infer<typeof check>;
export type FieldExpectation = (typeof fieldExpectations)[number];
export type CaseInfo = z.infer<typeof caseInfo>;
export type Filer = z.infer<typeof filer>;
export type Declarant = z.infer<typeof declarant>;
export type FormatOptions = z.infer<typeof format>;
export type Scalar = z.infer<typeof scalar>;

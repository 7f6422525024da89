/**
 * workpapers.xlsx: the records behind every figure's movement, as an
 * auditor's working papers. One sheet per metric (each bridge term's records,
 * with the fields the metric reads, before → after), one of anomalies, one of
 * check results. Keys and pii values are masked as in the report unless the
 * caller reveals them, and then every sheet says so.
 */
import type { Filter } from '../config/schema.js';
import type { MetricSpec, ResolvedConfig } from '../config/types.js';
import { maskPii } from '../privacy/mask.js';
import type { Snapshot, Value } from '../snapshots/types.js';
import { ABSENT, fieldIndex, valueAtRow } from './records.js';
import { runSteps, type Steps } from '../steps.js';
import { xlsxWorkbookPausing, xlsxWorkbookSteps } from './xlsx/workbook.js';
import { bridgeTerms, type PeriodReview, type RecordTrail } from './types.js';

export const PERSONAL_DATA_HEADING = 'CONTAINS PERSONAL DATA — NOT FOR FILING';

/** The file name: with personal data revealed, the name says so too. */
export function workpapersName(revealPii: boolean): string {
  return revealPii ? 'workpapers-CONTAINS-PERSONAL-DATA-NOT-FOR-FILING.xlsx' : 'workpapers.xlsx';
}

/** Rows listed per sheet; a sheet holds at most 1,048,576 and a reader wants far fewer. */
const MAX_ROWS = 20_000;

export interface WorkpapersInput {
  config: ResolvedConfig;
  review: PeriodReview;
  trail: RecordTrail;
  prior: Snapshot | null;
  current: Snapshot;
  /** The filing date, written as the workbook's dates. */
  asOf: string;
  revealPii: boolean;
}

/** A sheet: its name and rows of cells. */
export interface Sheet {
  name: string;
  rows: Array<Array<string | number>>;
}

/** The workbook's contents, pure; `writeWorkpapers` makes the file. */
export function workpaperSheets(input: WorkpapersInput): Sheet[] {
  return runSteps(workpaperSheetSteps(input));
}

/** The same as steps (a pause every few thousand rows): review makes them while Chrome prints review.pdf. */
export function* workpaperSheetSteps(input: WorkpapersInput): Steps<Sheet[]> {
  const { config, review, trail, prior, current, revealPii } = input;
  const { maskVisible } = config.output;
  const fields = current.fields;
  const keyField = fields[current.keyIndex]!;
  // A record that moved is listed on many sheets: its shown key is made once. Its rows are where the
  // scan found it (by its pair, in step with the keys); a key listed without one is looked up.
  const shownKeys = new Map<string, string>();
  const found = { before: ABSENT, after: ABSENT, shownKey: '' };
  const record = (key: string, pair: number | undefined) => {
    let shownKey = shownKeys.get(key);
    if (shownKey === undefined) shownKeys.set(key, (shownKey = keyField.pii && !revealPii ? maskPii(key, keyField.type, maskVisible) : key));
    const rows = pair !== undefined && trail.located ? trail.located.rowsOf(pair) : { before: rowIn(prior, key), after: rowIn(current, key) };
    found.before = rows.before;
    found.after = rows.after;
    found.shownKey = shownKey;
    return found;
  };
  const shown = (value: Value, index: number): string | number => {
    if (value === null) return '';
    if (fields[index]!.pii && !revealPii) return maskPii(String(value), fields[index]!.type, maskVisible);
    return typeof value === 'boolean' ? String(value) : value;
  };
  const heading = revealPii ? PERSONAL_DATA_HEADING : 'Record keys and personal data masked as in the report';
  const names = new SheetNames();
  const sheets: Sheet[] = [];

  for (const metric of config.metrics) {
    const keys = trail.bridges.get(metric.id);
    if (!keys) continue;
    const read = fieldsRead(metric).map((name) => fieldIndex(current, name));
    const rows: Sheet['rows'] = [
      [heading],
      [`${metric.label} (${metric.id}), ${review.priorPeriod ?? 'no prior period'} → ${review.period}`],
      ['Term', fields[current.keyIndex]!.label, ...read.flatMap((i) => [`${fields[i]!.label} before`, `${fields[i]!.label} after`])],
    ];
    let listed = 0;
    let total = 0;
    const pairs = trail.located?.bridges.get(metric.id);
    for (const term of bridgeTerms) {
      // By pair where the scan located the records: only the keys listed are decoded.
      const termPairs = pairs?.[term];
      const termKeys = termPairs ? null : keys[term];
      const count = termPairs ? termPairs.length : termKeys!.length;
      total += count;
      for (let i = 0; i < count && listed < MAX_ROWS; i++) {
        if ((listed & (ROWS_PER_PAUSE - 1)) === 0) yield;
        listed++;
        const pair = termPairs?.[i];
        const { before, after, shownKey } = record(pair === undefined ? termKeys![i]! : trail.located!.keyOf(pair), pair);
        const cells: Sheet['rows'][number] = [term, shownKey];
        for (const i of read) cells.push(shown(valueAtRow(prior, before, i), i), shown(valueAtRow(current, after, i), i));
        rows.push(cells);
      }
    }
    if (total > listed) rows.push([`… and ${total - listed} more records, not listed (review.json has every count)`]);
    sheets.push({ name: names.take(metric.id), rows });
  }

  const anomalies: Sheet['rows'] = [[heading], ['Anomaly', 'Severity', fields[current.keyIndex]!.label, 'Field', 'Before', 'After']];
  for (const anomaly of review.anomalies) {
    const index = fieldIndex(current, anomaly.field);
    yield;
    const pairs = trail.located?.anomalies.get(anomaly.id);
    const anomalyKeys = (trail.anomalies.get(anomaly.id) ?? []).slice(0, MAX_ROWS);
    for (let i = 0; i < anomalyKeys.length; i++) {
      const { before, after, shownKey } = record(anomalyKeys[i]!, pairs?.[i]);
      anomalies.push([anomaly.id, anomaly.severity, shownKey, fields[index]!.label, shown(valueAtRow(prior, before, index), index), shown(valueAtRow(current, after, index), index)]);
    }
  }
  sheets.push({ name: names.take('Anomalies'), rows: anomalies });

  const checks: Sheet['rows'] = [[heading], ['Check', 'Label', 'Severity', 'Result', 'What the figures are']];
  for (const check of review.checks) checks.push([check.id, check.label, check.severity, check.status, check.message]);
  sheets.push({ name: names.take('Checks'), rows: checks });
  return sheets;
}

/** The workbook as bytes: the same sheets and filing date give the same bytes. */
export function writeWorkpapers(sheets: readonly Sheet[], asOf: string): Uint8Array {
  return runSteps(workpapersSteps(sheets, asOf));
}

function workpapersSteps(sheets: readonly Sheet[], asOf: string): Steps<Uint8Array> {
  return xlsxWorkbookSteps(withHeadings(sheets), { creator: 'court-report', date: asOf });
}

/** The same bytes, made in slices of `sliceMs` beside other work (Chrome printing), sheets deflated on other threads. */
export function writeWorkpapersPausing(sheets: readonly Sheet[], asOf: string, sliceMs: number): Promise<Uint8Array> {
  return xlsxWorkbookPausing(withHeadings(sheets), { creator: 'court-report', date: asOf }, sliceMs);
}

/** Rows 1 and 3 are each sheet's headings (the personal-data line, the column names). */
function withHeadings(sheets: readonly Sheet[]) {
  return sheets.map((sheet) => ({ ...sheet, boldRows: [1, 3] }));
}

/** Rows made between pauses. */
const ROWS_PER_PAUSE = 1 << 12;

function rowIn(snapshot: Snapshot | null, key: string): number {
  return snapshot ? snapshot.rowOf(key) : ABSENT;
}

/**
 * Every distinct cell's text, for the personal-data check: the check looks
 * for values within a cell, so each text once finds what every copy would,
 * and a large review's 140,000 rows repeat a few thousand dates and codes.
 */
export function sheetText(sheets: readonly Sheet[]): string {
  const cells = new Set<string>();
  for (const sheet of sheets) for (const row of sheet.rows) for (const cell of row) cells.add(String(cell));
  return [...cells].join('\n');
}

/** The fields a metric's filter reads, then its groupBy field; each once. */
function fieldsRead(metric: MetricSpec): string[] {
  const found = new Set<string>();
  const visit = (filter: Filter | undefined) => {
    if (!filter) return;
    filter.all?.forEach(visit);
    filter.any?.forEach(visit);
    visit(filter.not);
    if (filter.field !== undefined) found.add(filter.field);
  };
  visit(metric.where);
  if (metric.groupBy !== undefined) found.add(metric.groupBy);
  return [...found];
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique regardless of case. */
class SheetNames {
  private readonly used = new Set<string>();
  take(wanted: string): string {
    const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

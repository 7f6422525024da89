/**
 * Infers a typed field for every column of an export from all of its values:
 * the type, the date formats actually seen, an enum's values, whether it is
 * required, and whether it is personal data. Pure: the export comes in read.
 */
import type { FieldType } from '../config/schema.js';
import { EUROPEAN, POINT_OR_THOUSANDS } from '../snapshots/coerce.js';
import { readDate } from '../snapshots/dates.js';
import { camelCase, humanLabel, IdAllocator } from './names.js';
import { personalDataReason } from './personal-data.js';
import type { ExportTable } from './read-export.js';

export interface InferredField {
  id: string;
  /** The header as written in the export. */
  column: string;
  label: string;
  type: FieldType;
  formats?: string[];
  /** A number field of a semicolon-separated export: its decimal separator, when its values tell. */
  decimal?: 'point' | 'comma';
  values?: string[];
  required: boolean;
  /** Why the column is personal data; undefined when it is not. */
  piiReason?: string;
  /** Every value is present and different from every other. */
  unique: boolean;
  /** What the export could not tell about the field, for a YAML comment the user should read. */
  note?: string;
}

/**
 * Date formats tried, in order; a column's formats are the ones its values
 * need. Month-first before day-first: US agencies write 5/31/2024, and a
 * column is read day-first only when some value cannot be month-first.
 */
const DATE_FORMATS = ['yyyy-MM-dd', 'M/d/yyyy', 'd/M/yyyy', 'yyyy/MM/dd', 'd.M.yyyy', 'd-MMM-yyyy', 'MMM d, yyyy', 'MMMM d, yyyy', 'M/d/yy'];
/** Formats that read the same text differently: never both in one field. */
const CONFLICTS: Array<[string, string]> = [['M/d/yyyy', 'd/M/yyyy']];

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 'y', 'n']);
/** A text column is an enum when it has at most this many distinct values… */
const ENUM_MAX_VALUES = 12;
/** …and each value appears, on average, at least this often. */
const ENUM_MIN_REPEATS = 3;

export function inferFields(table: ExportTable): InferredField[] {
  const ids = new IdAllocator();
  const fields = table.columns.map((column, index) => {
    const values = table.rows.map((row) => row[index]).filter((v): v is string => v !== undefined);
    const name = column.trim() === '' ? `column${index + 1}` : column;
    const piiReason = personalDataReason(name, values);
    const field: InferredField = {
      id: ids.take(camelCase(name)),
      column,
      label: humanLabel(name),
      type: 'string',
      required: values.length === table.rows.length,
      unique: values.length === table.rows.length && new Set(values).size === values.length,
    };
    if (piiReason !== undefined) field.piiReason = piiReason;
    Object.assign(field, inferType(values, piiReason !== undefined, table.rows.length, piiReason !== undefined || identifierName(name)));
    // Semicolons are how European exports separate values, and they write 1.234,5: the loader then asks
    // each number field which it is, so the starter says it when the values tell, and says so when not.
    if (table.dialect.delimiter === ';') Object.assign(field, decimalSeparator(values, field));
    const note = uncertainty(values, field);
    if (note !== undefined) field.note = note;
    return field;
  });
  return settleDayOrder(fields, table);
}

/**
 * A date column whose every value fits both 5/3/2025 readings (day and month
 * both 12 or less) is read month-first; but when another date column of the
 * same export is plainly day-first (31/1/2025), one system wrote them both and
 * the ambiguous one is day-first too — else its 3 May would be counted as 5
 * March. Either way the guess is said in a comment to check.
 */
function settleDayOrder(fields: InferredField[], table: ExportTable): InferredField[] {
  const dayFirst = fields.find((f) => f.type === 'date' && f.formats?.includes('d/M/yyyy'));
  for (const [index, field] of fields.entries()) {
    if (field.type !== 'date' || !field.formats?.includes('M/d/yyyy')) continue;
    const values = [...new Set(table.rows.map((row) => row[index]).filter((v): v is string => v !== undefined))];
    const slashed = values.filter((v) => /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v));
    const day = (v: string) => isoOf(readDate(v, ['d/M/yyyy']));
    const eitherWay = slashed.every((v) => day(v) !== null);
    const differs = slashed.some((v) => day(v) !== isoOf(readDate(v, ['M/d/yyyy'])));
    if (!eitherWay || !differs) continue;
    if (dayFirst) {
      field.formats = field.formats.map((f) => (f === 'M/d/yyyy' ? 'd/M/yyyy' : f));
      field.note = `every value fits day/month and month/day: read day-first as "${dayFirst.column}" is; check`;
    } else {
      field.note = 'every value fits month/day and day/month: read month-first (US); if the export writes day/month, set formats: [d/M/yyyy]';
    }
  }
  return fields;
}

function isoOf(reading: ReturnType<typeof readDate>): string | null {
  return 'iso' in reading ? reading.iso : null;
}

/** A header that names an identifier (Receipt Number, Case No, detainee_id, Zip Code): its digits are not a quantity. */
export function identifierName(column: string): boolean {
  return /(^|[^a-z])(id|no|nbr|num|number|code|key)$/i.test(column.replace(/([a-z])([A-Z])/g, '$1 $2').trim());
}

function inferType(values: string[], personal: boolean, rowCount: number, identifier: boolean): Pick<InferredField, 'type' | 'formats' | 'values'> {
  if (values.length === 0) return { type: 'string' };
  // An identifier (an A-Number, a receipt number) or personal digits (a telephone number) stay text: as a
  // number, next month's 012345678 would silently read as 12345678.
  // Leading zeros are identifiers too (zip codes, case numbers): a number would lose them.
  const quantity = !identifier && !values.some((v) => /^[+-]?0\d/.test(v));
  if (quantity && values.every((v) => INTEGER.test(v) && Number.isSafeInteger(Number(v)))) return { type: 'integer' };
  if (quantity && values.every((v) => DECIMAL.test(v) && Number.isFinite(Number(v)))) return { type: 'number' };
  if (values.every((v) => BOOLEAN_WORDS.has(v.toLowerCase()))) return { type: 'boolean' };
  const formats = dateFormats(values);
  if (formats) return { type: 'date', formats };
  const distinct = [...new Set(values)];
  // One value says nothing of the others a later month brings (DETAINED, then RELEASED): text, not an enum.
  if (!personal && distinct.length >= 2 && distinct.length <= ENUM_MAX_VALUES && distinct.length * ENUM_MIN_REPEATS <= rowCount) {
    return { type: 'enum', values: distinct.sort() };
  }
  return { type: 'string' };
}

/** A semicolon-separated export's quantity column: a number read by its decimal separator, when its values tell. */
function decimalSeparator(values: string[], field: InferredField): Partial<InferredField> {
  const quantity = field.type === 'integer' || field.type === 'number' || (field.type !== 'date' && !field.piiReason && !identifierName(field.column));
  if (!quantity || values.length === 0) return {};
  if (values.every((v) => EUROPEAN.test(v)) && values.some((v) => v.includes(',') || POINT_OR_THOUSANDS.test(v) || /\.\d{3}\./.test(v))) {
    // A comma, or points grouping thousands more than once, or 1.000 beside 12,5: European.
    if (values.some((v) => v.includes(',') || /\.\d{3}\./.test(v))) return { type: 'number', decimal: 'comma', formats: undefined, values: undefined };
  }
  if (field.type !== 'number') return {};
  // Decimals other than three digits after the point prove a decimal point (12.5, 0.25).
  if (values.some((v) => DECIMAL.test(v) && !POINT_OR_THOUSANDS.test(v) && v.includes('.'))) return { decimal: 'point' };
  if (values.some((v) => POINT_OR_THOUSANDS.test(v))) {
    return { note: 'every decimal here has three digits after a point (1.000): one, or one thousand as European exports write it? set decimal: point or decimal: comma' };
  }
  return {};
}

/** A field whose type one export cannot settle: every cell empty, or one value throughout. */
function uncertainty(values: string[], field: InferredField): string | undefined {
  if (values.length === 0) return 'every cell is empty in this export, so its type could not be inferred: check it (a date? set type and formats)';
  if (field.type === 'string' && !field.piiReason && new Set(values).size === 1) {
    return 'one value throughout this export: read as text; make it an enum once its other values are known';
  }
  return undefined;
}

/** The formats a column of dates needs, in the order tried; null when some value is no date in any of them. */
export function dateFormats(values: string[]): string[] | null {
  const distinct = [...new Set(values)];
  let candidates = DATE_FORMATS;
  for (let attempt = 0; attempt <= CONFLICTS.length; attempt++) {
    const used = new Set<string>();
    let readable = true;
    for (const value of distinct) {
      const format = candidates.find((f) => 'iso' in readDate(value, [f]));
      if (format === undefined) {
        readable = false;
        break;
      }
      used.add(format);
    }
    if (!readable) return null;
    const conflict = CONFLICTS.find(([a, b]) => used.has(a) && used.has(b));
    if (!conflict) return candidates.filter((f) => used.has(f));
    // Some values are only day-first (31/5/2024): read the whole column day-first.
    candidates = candidates.filter((f) => f !== conflict[0]);
  }
  return null;
}

/** The key: the given column (by header or id), else a unique, never-empty column, id-like names first. */
export function chooseKey(fields: InferredField[], given: string | undefined): InferredField | undefined {
  if (given !== undefined) return fields.find((f) => f.column === given || f.id === given || f.column.trim().toLowerCase() === given.trim().toLowerCase());
  const candidates = fields.filter((f) => f.unique && f.type !== 'date' && f.type !== 'boolean' && f.type !== 'number');
  const idLike = (f: InferredField) => /(^|[^a-z])(id|key|no|nbr|num|number|code)$|number|identifier/i.test(f.column.replace(/([a-z])([A-Z])/g, '$1 $2'));
  return candidates.find(idLike) ?? candidates[0];
}

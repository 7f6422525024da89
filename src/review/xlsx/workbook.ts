/**
 * A SpreadsheetML workbook (.xlsx) of plain sheets: text and numbers, some
 * rows bold. Written directly, in the few parts Excel and LibreOffice need:
 * a workbook of 140,000 rows takes a fraction of a second and no model of it
 * is held in memory. Each distinct text is written once, in the shared
 * strings part, and cells refer to it by number, as Excel itself writes: a
 * review's sheets repeat a few thousand dates, codes and masked keys over
 * hundreds of thousands of cells, and inline they made the XML (and the time
 * to write, encode and deflate it) about twice as large.
 */
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import { runSteps, runStepsPausing, type Steps } from '../../steps.js';
import { XmlBytes } from './xml-bytes.js';
import { DEFLATE_OPTIONS, zipArchive, zipArchiveSteps, type ZipEntry } from './zip.js';

const deflateRawAsync = promisify(deflateRaw);

/** Rows written between pauses. */
const ROWS_PER_PAUSE = 1 << 12;

export interface WorkbookSheet {
  /** A valid, unique sheet name (at most 31 characters, none of []:*?/\). */
  name: string;
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
  /** Row numbers (1-based) set in bold: headings. */
  boldRows?: readonly number[];
}

export interface WorkbookProperties {
  creator: string;
  /** The workbook's created and modified date, YYYY-MM-DD; also every zip entry's. */
  date: string;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function xlsxWorkbook(sheets: readonly WorkbookSheet[], properties: WorkbookProperties): Uint8Array {
  return runSteps(xlsxWorkbookSteps(sheets, properties));
}

/** The same as steps: a pause every few thousand rows and after each part is deflated. */
export function* xlsxWorkbookSteps(sheets: readonly WorkbookSheet[], properties: WorkbookProperties): Steps<Uint8Array> {
  return yield* zipArchiveSteps(yield* workbookParts(sheets, properties), properties.date);
}

/**
 * The same bytes, made beside other work: the sheets' XML in slices of `sliceMs`, each sheet
 * deflated on libuv's threads (another core) while the next one is written.
 */
export async function xlsxWorkbookPausing(sheets: readonly WorkbookSheet[], properties: WorkbookProperties, sliceMs: number): Promise<Uint8Array> {
  const deflating: Array<Promise<void>> = [];
  const parts = await runStepsPausing(
    workbookParts(sheets, properties, (entry) => {
      deflating.push(deflateRawAsync(entry.data, DEFLATE_OPTIONS).then((deflated) => void (entry.deflated = deflated)));
    }),
    sliceMs,
  );
  await Promise.all(deflating);
  return zipArchive(parts, properties.date);
}

/** The workbook's parts in archive order; `onSheet` is told of each sheet's part as soon as it is made. */
function* workbookParts(sheets: readonly WorkbookSheet[], properties: WorkbookProperties, onSheet?: (entry: ZipEntry) => void): Steps<ZipEntry[]> {
  const encoder = new TextEncoder();
  const part = (name: string, xml: string): ZipEntry => ({ name, data: encoder.encode(DECLARATION + xml) });
  const stamp = `${properties.date}T00:00:00Z`;
  const strings = new SharedStrings();
  const worksheets: ZipEntry[] = [];
  for (const [i, sheet] of sheets.entries()) {
    const entry = { name: `xl/worksheets/sheet${i + 1}.xml`, data: yield* worksheet(sheet, strings) };
    onSheet?.(entry);
    worksheets.push(entry);
    yield;
  }
  return [
    part('[Content_Types].xml', contentTypes(sheets.length)),
    part(
      '_rels/.rels',
      `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
        `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${PACKAGE_RELATIONSHIPS}/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${RELATIONSHIPS}/extended-properties" Target="docProps/app.xml"/>` +
        `</Relationships>`,
    ),
    part(
      'docProps/core.xml',
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>${escapeXml(properties.creator)}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
        `</cp:coreProperties>`,
    ),
    part('docProps/app.xml', `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${escapeXml(properties.creator)}</Application></Properties>`),
    part(
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>` +
        sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        `</sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${sheets.length + 2}" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>` +
        `</Relationships>`,
    ),
    part('xl/styles.xml', STYLES),
    { name: 'xl/sharedStrings.xml', data: strings.xml() },
    ...worksheets,
  ];
}

function contentTypes(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  return (
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheets.join('') +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
    `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
    `</Types>`
  );
}

/** Style 0 is plain, style 1 bold. */
const STYLES =
  `<styleSheet xmlns="${MAIN}">` +
  `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

function* worksheet(sheet: WorkbookSheet, strings: SharedStrings): Steps<Uint8Array> {
  const bold = new Set(sheet.boldRows ?? []);
  // Room for a typical row at the start (about 30 bytes a cell), so the buffer seldom grows.
  const xml = new XmlBytes(sheet.rows.length * 256).ascii(DECLARATION).ascii(`<worksheet xmlns="${MAIN}"><sheetData>`);
  // Each column's '<c r="B' and each style's '" t="s"><v>', made once.
  const openings: string[] = [];
  for (let index = 0; index < sheet.rows.length; index++) {
    if ((index & (ROWS_PER_PAUSE - 1)) === 0) yield;
    const cells = sheet.rows[index]!;
    const r = index + 1;
    const isBold = bold.has(r);
    xml.ascii('<row r="').digits(r).ascii('">');
    for (let column = 0; column < cells.length; column++) {
      const value = cells[column]!;
      // An empty value is a cell left empty, as a person would leave it.
      if (value === '') continue;
      xml.ascii((openings[column] ??= `<c r="${columnName(column)}`)).digits(r);
      if (typeof value === 'number' && Number.isFinite(value)) xml.ascii(isBold ? BOLD_NUMBER : NUMBER).ascii(String(value)).ascii('</v></c>');
      else xml.ascii(isBold ? BOLD_TEXT : TEXT).digits(strings.indexOf(String(value))).ascii('</v></c>');
    }
    xml.ascii('</row>');
  }
  return xml.ascii('</sheetData></worksheet>').finish();
}

/** What follows a cell's reference up to its value: style 1 is bold; t="s" says the value is a shared string's number. */
const NUMBER = '"><v>';
const BOLD_NUMBER = '" s="1"><v>';
const TEXT = '" t="s"><v>';
const BOLD_TEXT = '" s="1" t="s"><v>';

/** The workbook's shared strings: each distinct text once, numbered in the order first met. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private references = 0;

  indexOf(text: string): number {
    this.references++;
    let at = this.index.get(text);
    if (at === undefined) this.index.set(text, (at = this.index.size));
    return at;
  }

  xml(): Uint8Array {
    const xml = new XmlBytes().ascii(DECLARATION).ascii(`<sst xmlns="${MAIN}" count="`).digits(this.references).ascii('" uniqueCount="').digits(this.index.size).ascii('">');
    for (const text of this.index.keys()) {
      const escaped = escapeCellText(text);
      const space = isSpace(escaped.charCodeAt(0)) || isSpace(escaped.charCodeAt(escaped.length - 1)) ? ' xml:space="preserve"' : '';
      xml.ascii('<si><t').ascii(space).ascii('>').text(escaped).ascii('</t></si>');
    }
    return xml.ascii('</sst>').finish();
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0xa0;
}

/** A, B, …, Z, AA, AB, … */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NEEDS_ESCAPE = /[&<>"_\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * A cell's text as XML: control characters XML cannot hold are written as
 * Excel writes them (_x0001_), so are literal "_x0041_"-like runs (escaped
 * as _x005F_x0041_), and unpaired surrogates become U+FFFD.
 */
function escapeCellText(text: string): string {
  // Most cells (dates, codes, masked keys) hold nothing to escape.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return escapeXml(
    text
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`),
  );
}

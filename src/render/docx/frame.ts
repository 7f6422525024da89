/**
 * The parts of a filing around the body, in Word: caption, titles,
 * signature blocks, certificate of service, the § 1746 jurat, exhibit
 * headings. Each document kind is a list of these parts (KIND_PARTS), the
 * same order its partial in the template folder prints them in; the prose of
 * the opening, the notice's recital and the declarant's statement comes from
 * those very partials, rendered with the view.
 */
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, type FileChild, type IBorderOptions } from 'docx';
import type { DocumentKind } from '../../config/schema.js';
import { formatDate, LONG_DATE } from '../format.js';
import type { ReportView } from '../types.js';
import { wrappedLines } from './line-wrap.js';
import { HALF_INCH as HALF_INCH_TWIPS, onPitch, TWIPS_PER_INCH } from './styles.js';

export type Part =
  | 'caption'
  | 'title'
  | 'declaration-title'
  | 'opening'
  | 'notice-recital'
  | 'declares'
  | 'declarant-statement'
  | 'paragraphs'
  | 'signature'
  | 'certificate'
  | 'jurat'
  | 'exhibit-1-cover'
  | 'new-page'
  | 'exhibits';

/** What each kind prints, in order: the Word twin of partials/<kind>.hbs. */
export const KIND_PARTS: Record<DocumentKind, Part[]> = {
  'status-report': ['caption', 'title', 'opening', 'paragraphs', 'signature', 'certificate', 'exhibits'],
  declaration: ['caption', 'declaration-title', 'declares', 'declarant-statement', 'paragraphs', 'jurat', 'exhibits'],
  'notice-with-declaration': [
    'caption', 'title', 'notice-recital', 'signature', 'certificate',
    'exhibit-1-cover',
    'new-page', 'caption', 'declaration-title', 'declares', 'declarant-statement', 'paragraphs', 'jurat',
    'exhibits',
  ],
};

const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const line = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new TextRun({ text, ...options });
const plain = (text: string, extra: ConstructorParameters<typeof Paragraph>[0] & object = {}) => new Paragraph({ ...extra, children: [line(text)] });

/** Court, then the parties on the left closed by a rule and "/", the case number on the right (N.D. Fla. Loc. R. 5.1(B)). */
export function caption(view: ReportView, textWidthInches: number): FileChild[] {
  const style = view.format.caption;
  const at = (twips: number) => onPitch(view.format, twips);
  const court = [view.case.court, view.case.district, ...(view.case.division && style !== 'x-box' ? [view.case.division] : [])].map((text, i, all) =>
    plain(text.toUpperCase(), { alignment: AlignmentType.CENTER, keepNext: true, ...(i === all.length - 1 ? { spacing: { after: at(360) } } : {}) }),
  );
  const gap = at(style === 'slash' ? 240 : 0);
  const left = Math.round((style === 'x-box' ? 3.6 : 3.1) * TWIPS_PER_INCH);
  const lines: Array<{ text: string; indent: number }> = [];
  const line = (text: string, indent: number) => {
    lines.push({ text, indent });
    return plain(text, { spacing: { after: gap }, keepNext: true, ...(indent > 0 ? { indent: { left: indent } } : {}) });
  };
  const party = (p: ReportView['case']['plaintiffs'], end: string) => [
    line(`${p.names.map((n) => n.toUpperCase()).join(', ')}${p.etAl ? ', et al.' : ''},`, 0),
    line(`${p.role}${end}`, TWIPS_PER_INCH),
  ];
  const partyLines = [...party(view.case.plaintiffs, ','), line(style === 'x-box' ? '- against -' : 'v.', style === 'slash' ? 0 : HALF_INCH_TWIPS), ...party(view.case.defendants, '.')];
  // One ")" a printed line of the parties: a long name wraps (the cell's default margins are 0.075 in a side).
  const parenCount = lines.reduce((sum, l) => sum + wrappedLines(l.text, view.format.fontSizePt, left - 216 - l.indent), 0);
  const middle = style === 'x-box' ? 0 : 240;
  const right = Math.round(textWidthInches * TWIPS_PER_INCH) - left - middle;
  const dashed: IBorderOptions = { style: BorderStyle.DASHED, size: 6, color: '000000' };
  const rule: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const parties = new TableCell({
    width: { size: left, type: WidthType.DXA },
    borders:
      style === 'slash' ? { top: none, left: none, right: none, bottom: rule } : style === 'x-box' ? { top: dashed, left: none, right: none, bottom: dashed } : noBorders,
    children: partyLines,
  });
  // "/" closes the slash caption's rule.
  const closing = new TableCell({
    width: { size: Math.max(middle, 1), type: WidthType.DXA },
    borders: noBorders,
    verticalAlign: style === 'slash' ? 'bottom' : 'top',
    children: style === 'slash' ? [plain('/')] : Array.from({ length: parenCount }, () => plain(')')),
  });
  const number = new TableCell({
    width: { size: right, type: WidthType.DXA },
    borders: noBorders,
    // On pleading paper, centred it would fall between two lines: on the parties' first line instead, as the PDF has it.
    verticalAlign: view.format.lineNumbers ? 'top' : 'center',
    margins: { left: 0, right: 0 },
    children: [plain(`${view.format.caseNumberLabel} ${view.case.captionNumber}`, { indent: { left: Math.round(0.1 * TWIPS_PER_INCH) } })],
  });
  const cells = style === 'x-box' ? [parties, number] : [parties, closing, number];
  const table = new Table({
    width: { size: left + middle + right, type: WidthType.DXA },
    columnWidths: style === 'x-box' ? [left, right] : [left, middle, right],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [new TableRow({ cantSplit: true, children: cells })],
  });
  return [...(view.format.counselOnFirstPage ? counselBlock(view) : []), ...court, table, new Paragraph({ spacing: { after: at(240) }, children: [] })];
}

/** N.D. Cal. Civil L.R. 3-4(a): counsel at the top left of page 1, before the court's title. */
function counselBlock(view: ReportView): FileChild[] {
  return view.filers.flatMap((f) =>
    [`${f.name} (${f.barNumber})`, f.office, ...f.address, `Telephone: ${f.phone}`, `Email: ${f.email}`, f.represents].map((text) => plain(text, { keepNext: true })),
  );
}

export function heading(text: string, options: { level: 1 | 2; pageBreakBefore?: boolean; spaceBefore?: number } = { level: 1 }): Paragraph {
  return new Paragraph({
    style: options.level === 1 ? 'Heading1' : 'Heading2',
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(options.spaceBefore ? { spacing: { before: options.spaceBefore } } : {}),
    children: [line(text)],
  });
}

/** Counsel's signature blocks (N.D. Fla. Loc. R. 5.1(D)): dated on the left, each filer's block on the right, one under another. */
export function signature(view: ReportView): FileChild[] {
  const block = (f: ReportView['filer']) => [
    plain('', { style: 'Signature' }),
    plain(`/s/ ${f.name}`, { style: 'Signature' }),
    plain(f.name, { style: 'Signature' }),
    plain(f.barNumber, { style: 'Signature' }),
    ...(f.title ? [plain(f.title, { style: 'Signature' })] : []),
    plain(f.office, { style: 'Signature' }),
    ...f.address.map((line) => plain(line, { style: 'Signature' })),
    plain(`Email: ${f.email}`, { style: 'Signature' }),
    plain(`Telephone: ${f.phone}`, { style: 'Signature' }),
    plain('', { style: 'Signature' }),
    new Paragraph({ style: 'Signature', children: [line(f.represents, { italics: true })] }),
  ];
  return [
    plain(`Dated: ${formatDate(view.asOf, LONG_DATE)}`, { spacing: { before: onPitch(view.format, 360) }, keepNext: true }),
    plain('Respectfully submitted,', { style: 'Signature' }),
    ...view.filers.flatMap(block),
  ];
}

/** N.D. Fla. Loc. R. 5.1(F): certificate of service, signed and dated. */
export function certificate(view: ReportView): FileChild[] {
  const mailed = view.document.serviceByMail ?? [];
  return [
    heading('CERTIFICATE OF SERVICE', { level: 2 }),
    new Paragraph({
      style: 'BodyText',
      keepNext: true,
      children: [line(`I hereby certify that on ${formatDate(view.asOf, LONG_DATE)}, I electronically filed the foregoing with the Clerk of Court using the CM/ECF system, which will send notice of electronic filing to all counsel of record${mailed.length > 0 ? ', and that on the same day I served a copy by first-class United States mail, postage prepaid, on the following:' : '.'}`)],
    }),
    ...mailed.flatMap((served) => [plain(''), ...[served.name, ...served.address].map((text) => plain(text, { indent: { left: TWIPS_PER_INCH / 2 }, keepNext: true }))]),
    plain('', { style: 'Signature' }),
    plain(`/s/ ${view.filer.name}`, { style: 'Signature' }),
    plain(view.filer.name, { style: 'Signature' }),
  ];
}

/** 28 U.S.C. § 1746(2), dated with the filing date, signed by the declarant. */
export function jurat(view: ReportView): FileChild[] {
  const declarant = view.declarant;
  if (!declarant) throw new Error('a declaration is rendered without a declarant');
  const place = /[.!?]$/.test(declarant.place) ? declarant.place : `${declarant.place}.`;
  return [
    new Paragraph({
      style: 'BodyText',
      keepNext: true,
      spacing: { before: onPitch(view.format, 240) },
      children: [line(`I declare under penalty of perjury that the foregoing is true and correct. Executed on ${formatDate(view.asOf, LONG_DATE)} in ${place}`)],
    }),
    plain('', { style: 'Signature' }),
    plain(`/s/ ${declarant.name}`, { style: 'Signature' }),
    plain(declarant.name, { style: 'Signature' }),
    plain(declarant.title, { style: 'Signature' }),
  ];
}

export function declares(view: ReportView): Paragraph {
  return new Paragraph({ style: 'BodyText', children: [line(`I, ${view.declarant?.name ?? ''}, declare as follows:`)] });
}

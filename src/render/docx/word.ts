/**
 * Blocks of the body (html.ts) as Word paragraphs and tables: numbered
 * paragraphs on the document's list (w:numPr), tables whose header rows
 * repeat on every page (w:tblHeader) and whose rows never split (w:cantSplit),
 * charts as pictures.
 */
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  ImageRun,
  LineRuleType,
  ShadingType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type FileChild,
  type IBorderOptions,
} from 'docx';
import type { Align, Block, Cell, Row, Run } from './html.js';
import { HALF_INCH, PARAGRAPH_NUMBERING, TWIPS_PER_INCH } from './styles.js';

/** A chart drawn to PNG, with its size in CSS pixels (96 per inch). */
export interface ChartPicture {
  png: Uint8Array;
  width: number;
  height: number;
}

export interface WordContext {
  /** Width between the margins, in inches: charts and tables fill it. */
  textWidthInches: number;
  /** The PNG of each chart, by its SVG markup. */
  charts: Map<string, ChartPicture>;
  /** Pleading paper's line pitch in twips (null off it): every table row and picture is then a whole number of lines. */
  pitch: number | null;
}

export function textRuns(runs: Run[], extra: { bold?: boolean } = {}): TextRun[] {
  return runs.map(
    (run) =>
      new TextRun({
        text: run.text,
        ...(run.bold || extra.bold ? { bold: true } : {}),
        ...(run.italics ? { italics: true } : {}),
        ...(run.underline ? { underline: {} } : {}),
        ...(run.break ? { break: 1 } : {}),
      }),
  );
}

/** The blocks in Word; a `frame` fragment's paragraphs (a template's caption, signature…) are plain, not Body Text. */
export function wordBlocks(blocks: Block[], context: WordContext, frame = false): FileChild[] {
  return blocks.flatMap((block): FileChild[] => {
    switch (block.kind) {
      case 'paragraph':
        return [frame ? new Paragraph({ ...alignment(block.align), keepNext: true, children: textRuns(block.runs) }) : numberedOrBody(block.runs, block.numbered, block.align)];
      case 'heading':
        return [new Paragraph({ style: block.level === 1 ? 'Heading1' : 'Heading2', ...alignment(block.align), children: textRuns(block.runs) })];
      case 'table':
        return block.layout ? layoutTable(block, context) : wordTable(block, context);
      case 'chart':
        return chart(block.svg, block.caption, context);
    }
  });
}

const ALIGNMENT = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const alignment = (align: Align | undefined) => (align ? { alignment: ALIGNMENT[align] } : {});

/** A body paragraph; numbered ones carry w:numPr and a tab stop at one inch, where the text starts. */
export function numberedOrBody(runs: Run[] | TextRun[], numbered: boolean, align?: Align): Paragraph {
  const children = runs.length > 0 && runs[0] instanceof TextRun ? (runs as TextRun[]) : textRuns(runs as Run[]);
  return new Paragraph({
    style: 'BodyText',
    ...alignment(align),
    ...(numbered
      ? { numbering: { reference: PARAGRAPH_NUMBERING, level: 0 }, tabStops: [{ type: TabStopType.LEFT, position: 2 * HALF_INCH }] }
      : {}),
    children,
  });
}

/**
 * A table that lays text side by side (a template's own caption): columns of equal width, no rules, each
 * cell's lines as they are, left-aligned; on pleading paper its lines stay on the pitch (Normal's spacing).
 */
function layoutTable(block: Extract<Block, { kind: 'table' }>, context: WordContext): FileChild[] {
  const rows = [...block.head.map((cells) => ({ cells, total: false })), ...block.body];
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const total = Math.round(context.textWidthInches * TWIPS_PER_INCH);
  const width = Math.floor(total / columns);
  const borders = { top: none, bottom: none, left: none, right: none };
  return [
    new Table({
      width: { size: width * columns, type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      columnWidths: Array.from({ length: columns }, () => width),
      borders: { ...borders, insideHorizontal: none, insideVertical: none },
      rows: rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.cells.map(
              (c) =>
                new TableCell({
                  width: { size: width, type: WidthType.DXA },
                  borders,
                  margins: { top: 0, bottom: 0, left: 80, right: 80 },
                  children: [new Paragraph({ keepNext: true, children: textRuns(c.runs, { bold: false }) })],
                }),
            ),
          }),
      ),
    }),
  ];
}

const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function wordTable(block: Extract<Block, { kind: 'table' }>, context: WordContext): FileChild[] {
  const columns = Math.max(1, ...block.head.map((r) => r.length), ...block.body.map((r) => r.cells.length));
  const total = Math.round(context.textWidthInches * TWIPS_PER_INCH);
  // The label column takes what the figure columns leave, as in the PDF.
  const figureWidth = columns > 1 ? Math.round(Math.min(1.45 * TWIPS_PER_INCH, (total * 0.55) / (columns - 1))) : 0;
  const widths = [total - figureWidth * (columns - 1), ...Array.from({ length: columns - 1 }, () => figureWidth)];
  // On pleading paper a row is exactly one line. Its rules would not be: LibreOffice adds a border's width
  // to the row, and every line after the table would drift off its number; the header row is shaded instead.
  const { pitch } = context;
  const height = pitch === null ? {} : { height: { value: pitch, rule: HeightRule.EXACT } };
  const cell = (c: Cell, borders: { top: IBorderOptions; bottom: IBorderOptions }, bold: boolean, i: number, inHead = false) =>
    new TableCell({
      width: { size: widths[i] ?? figureWidth, type: WidthType.DXA },
      borders: pitch === null ? { top: borders.top, bottom: borders.bottom, left: none, right: none } : { top: none, bottom: none, left: none, right: none },
      ...(pitch !== null && inHead ? { shading: { type: ShadingType.CLEAR, fill: 'D9D9D9', color: 'auto' } } : {}),
      margins: pitch === null ? { top: 40, bottom: 40, left: 80, right: 80 } : { top: 0, bottom: 0, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: c.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          keepNext: true,
          children: textRuns(c.runs, { bold }),
        }),
      ],
    });
  const headRows = block.head.map(
    (cells, r) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        ...height,
        children: cells.map((c, i) => cell(c, { top: r === 0 ? thick : none, bottom: r === block.head.length - 1 ? thin : none }, true, i, true)),
      }),
  );
  const bodyRows = block.body.map(
    (row: Row, r) =>
      new TableRow({
        cantSplit: true,
        ...height,
        children: row.cells.map((c, i) =>
          cell(c, { top: row.total ? thin : none, bottom: r === block.body.length - 1 ? thick : none }, row.total, i),
        ),
      }),
  );
  const children: FileChild[] = [];
  if (block.caption) children.push(new Paragraph({ style: 'Caption', children: textRuns(block.caption) }));
  children.push(new Table({ width: { size: total, type: WidthType.DXA }, layout: TableLayoutType.FIXED, columnWidths: widths, rows: [...headRows, ...bodyRows] }));
  // Space after the table, and a paragraph between two tables so Word does not merge them.
  children.push(new Paragraph({ children: [] }));
  return children;
}

function chart(svg: string, caption: Run[] | null, context: WordContext): FileChild[] {
  const picture = context.charts.get(svg);
  const name = /aria-label="([^"]*)"/.exec(svg)?.[1]?.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>') ?? 'Chart';
  if (!picture) throw new Error('a chart was not drawn before the document was built');
  let width = Math.round(context.textWidthInches * 96);
  let height = Math.round((picture.height / picture.width) * width);
  // On pleading paper the picture is a whole number of lines tall (the PDF's 12), its paragraph exactly that.
  const lines = context.pitch === null ? 0 : Math.max(1, Math.min(12, Math.floor((height * 15) / context.pitch)));
  if (context.pitch !== null) {
    height = Math.round((lines * context.pitch) / 15);
    width = Math.min(width, Math.round((picture.width / picture.height) * height));
  }
  const children: FileChild[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepLines: true,
      ...(context.pitch !== null ? { spacing: { line: lines * context.pitch, lineRule: LineRuleType.EXACT } } : {}),
      children: [new ImageRun({ type: 'png', data: picture.png, transformation: { width, height }, altText: { name, title: name, description: name } })],
    }),
  ];
  if (caption) children.push(new Paragraph({ style: 'Caption', alignment: AlignmentType.CENTER, children: textRuns(caption) }));
  return children;
}

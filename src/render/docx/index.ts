/**
 * The DOCX renderer: the same view as the HTML, written as a Word document
 * for counsel to edit before signing. The frame (caption, signatures,
 * certificate, jurat) is laid out from the view by kind (frame.ts); the
 * numbered paragraphs and exhibits are the body template's own output, read
 * as blocks (html.ts). Charts are pictures drawn by the caller (the browser
 * that prints the PDF). Same view and same pictures give the same bytes.
 */
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TabStopType, TextRun, type FileChild } from 'docx';
import { pleadingGeometry } from '../../config/local-rules.js';
import { debuglog } from 'node:util';
import type { ReportView } from '../types.js';
import { caption, certificate, declares, heading, jurat, KIND_PARTS, signature, type Part } from './frame.js';
import { runningHeader } from './header.js';
import { FRAME_ENTRY, overriddenParts, type FramePart } from './overrides.js';
import { readBlocks, type Block } from './html.js';
import { deterministicPackage, type WordPackage } from './package.js';
import { filingNumbering, filingStyles, onPitch, pitchTwips, TWIPS_PER_INCH } from './styles.js';
import { wordBlocks, type ChartPicture } from './word.js';

/** A partial of the template folder rendered with the view, and the exhibits the body declared. */
export interface RenderedFragment {
  html: string;
  exhibits: Array<{ letter: string; title: string; html: string }>;
}

export interface DocxInput {
  view: ReportView;
  /** Renders a partial of the report's template folder (body, opening, notice-recital, declarant-statement). */
  renderFragment(name: string): RenderedFragment;
  /** Draws a chart's SVG to PNG at the given size in CSS pixels. */
  drawChart(svg: string, size: { width: number; height: number }): Promise<Uint8Array>;
  /** Partials template.dir changes (CompiledReport.changed): the frame's parts they print are read from their HTML. */
  changed?: ReadonlySet<string>;
}

/** NODE_DEBUG=court-report-docx shows the DOCX's steps with their times. */
const debug = debuglog('court-report-docx');

const PAPER_INCHES = { Letter: [8.5, 11], Legal: [8.5, 14], A4: [8.27, 11.69] } as const;

export async function renderDocx(input: DocxInput): Promise<WordPackage> {
  const { view } = input;
  const { format } = view;
  const [paperWidth, paperHeight] = PAPER_INCHES[format.paper];
  const textWidthInches = paperWidth - 2 * format.marginInches;

  const body = input.renderFragment('body');
  const fragmentBlocks = (name: string, numbered: boolean) => readBlocks(input.renderFragment(name).html, { numbered });
  const bodyBlocks = readBlocks(body.html, { numbered: true });
  const exhibitBlocks = body.exhibits.map((exhibit) => ({ ...exhibit, blocks: readBlocks(exhibit.html, { numbered: false }) }));
  const started = performance.now();
  const step = (what: string) => debug('%s at %d ms', what, Math.round(performance.now() - started));
  step('body read');
  const charts = await drawCharts([...bodyBlocks, ...exhibitBlocks.flatMap((e) => e.blocks)], input.drawChart);
  step('charts drawn');
  const context = { textWidthInches, charts, pitch: pitchTwips(format) };
  const overridden = overriddenParts(input.changed ?? new Set(), format);

  const part = (name: Part): FileChild[] => {
    const frame = FRAME_OF[name];
    if (frame && overridden.has(frame)) return wordBlocks(readBlocks(input.renderFragment(FRAME_ENTRY[frame]).html, { numbered: false, frame: true }), context, true);
    switch (name) {
      case 'caption':
        return caption(view, textWidthInches);
      case 'title':
        return [heading(view.document.title.toUpperCase(), { level: 1 })];
      case 'declaration-title':
        return [heading((view.document.declarationTitle ?? view.document.title).toUpperCase(), { level: 1 })];
      case 'opening':
        return wordBlocks(fragmentBlocks('opening', false), context);
      case 'notice-recital':
        return wordBlocks(fragmentBlocks('notice-recital', false), context);
      case 'declares':
        return [declares(view)];
      case 'declarant-statement':
        return wordBlocks(fragmentBlocks('declarant-statement', true), context);
      case 'paragraphs':
        return wordBlocks(bodyBlocks, context);
      case 'signature':
        return signature(view);
      case 'certificate':
        return certificate(view);
      case 'jurat':
        return jurat(view);
      case 'exhibit-1-cover':
        return [
          heading('EXHIBIT 1', { level: 1, pageBreakBefore: true, spaceBefore: onPitch(format, 3 * TWIPS_PER_INCH) }),
          heading(view.document.declarationTitle ?? '', { level: 1 }),
        ];
      case 'new-page':
        return [new Paragraph({ pageBreakBefore: true, children: [] })];
      case 'exhibits':
        return exhibitBlocks.flatMap((exhibit) => [
          heading(`EXHIBIT ${exhibit.letter}`, { level: 1, pageBreakBefore: true }),
          heading(exhibit.title, { level: 1 }),
          ...wordBlocks(exhibit.blocks, context),
        ]);
    }
  };

  // Pleading paper: every line on the grid of the fixed pitch, numbered from the header (header.ts says why not w:lnNumType).
  const pleading = format.lineNumbers ? pleadingGeometry(format) : null;
  const bottomInches = pleading ? pleading.bottomInches : format.marginInches;
  const document = new Document({
    title: `${view.document.title} — ${view.period.label}`,
    creator: view.filer.name,
    description: `No. ${view.case.captionNumber}: ${view.period.label}`,
    lastModifiedBy: view.filer.name,
    styles: filingStyles(format),
    numbering: filingNumbering(),
    features: { updateFields: false },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(paperWidth * TWIPS_PER_INCH), height: Math.round(paperHeight * TWIPS_PER_INCH) },
            margin: {
              top: Math.round(format.marginInches * TWIPS_PER_INCH),
              bottom: Math.round(bottomInches * TWIPS_PER_INCH),
              left: Math.round(format.marginInches * TWIPS_PER_INCH),
              right: Math.round(format.marginInches * TWIPS_PER_INCH),
              header: Math.round((format.marginInches / 2) * TWIPS_PER_INCH),
              footer: Math.round((Math.min(bottomInches, format.marginInches) / 2) * TWIPS_PER_INCH),
            },
          },
        },
        headers: { default: runningHeader(view, textWidthInches, pleading) },
        footers: {
          default: new Footer({ children: [footer(view, textWidthInches)] }),
        },
        children: KIND_PARTS[view.document.kind].flatMap(part),
      },
    ],
  });
  step('document laid out');
  const packed = await Packer.toBuffer(document);
  step('packed');
  const docx = await deterministicPackage(packed, view.asOf);
  step('written again with fixed dates');
  return docx;
}

/** The part of the frame a template's partial may take over. */
const FRAME_OF: Partial<Record<Part, FramePart>> = { caption: 'caption', title: 'title', signature: 'signature', certificate: 'certificate', jurat: 'jurat' };

/** "Page X of Y" in the middle; with titleInFooter (N.D. Cal.) the document's title at the left and the case number at the right. */
function footer(view: ReportView, textWidthInches: number): Paragraph {
  const page = ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES];
  if (!view.format.titleInFooter) {
    return new Paragraph({ style: 'Footer', alignment: AlignmentType.CENTER, children: [new TextRun({ children: page })] });
  }
  const width = Math.round(textWidthInches * TWIPS_PER_INCH);
  return new Paragraph({
    style: 'Footer',
    tabStops: [
      { type: TabStopType.CENTER, position: Math.round(width / 2) },
      { type: TabStopType.RIGHT, position: width },
    ],
    children: [
      new TextRun({ text: view.document.title.toUpperCase(), size: 20 }),
      new TextRun({ children: ['\t', ...page] }),
      new TextRun({ text: `\t${view.format.caseNumberLabel} ${view.case.captionNumber}`, size: 20 }),
    ],
  });
}

async function drawCharts(blocks: Block[], draw: DocxInput['drawChart']): Promise<Map<string, ChartPicture>> {
  const charts = new Map<string, ChartPicture>();
  for (const block of blocks) {
    if (block.kind !== 'chart' || charts.has(block.svg)) continue;
    const size = svgSize(block.svg);
    charts.set(block.svg, { png: await draw(block.svg, size), ...size });
  }
  return charts;
}

/** The chart's size from its viewBox (the chart renderer always writes one). */
function svgSize(svg: string): { width: number; height: number } {
  const box = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  const width = box ? Number(box[1]) : 640;
  const height = box ? Number(box[2]) : 400;
  return { width, height };
}

/**
 * The Word styles of a filing, from the court-format settings: real style
 * names (Normal, Body Text, Heading 1, Heading 2, Caption, Signature) so that
 * counsel's edits in Word keep the format. Sizes in half-points, lengths in
 * twentieths of a point (twips), as Word counts them.
 */
import { AlignmentType, LevelFormat, LevelSuffix, LineRuleType, type INumberingOptions, type IStylesOptions } from 'docx';
import type { CourtFormat } from '../../config/local-rules.js';

/** The numbered paragraphs' list, one instance per document so numbering runs on through a declaration. */
export const PARAGRAPH_NUMBERING = 'numbered-paragraphs';
/** Times-metric, as the PDF's Tinos: Word has it, LibreOffice maps it to Liberation Serif. */
export const FONT = 'Times New Roman';
export const TWIPS_PER_INCH = 1440;
export const HALF_INCH = TWIPS_PER_INCH / 2;

/** Pleading paper's line pitch in twips, or null when lines are not numbered. */
export function pitchTwips(format: CourtFormat): number | null {
  return format.lineNumbers ? Math.round(format.fontSizePt * format.lineSpacing * 20) : null;
}

/**
 * A gap between blocks, in twips; on pleading paper the nearest whole number
 * of lines (half a line rounds down), so the text after it stays on the numbered lines.
 */
export function onPitch(format: CourtFormat, twips: number): number {
  const pitch = pitchTwips(format);
  return pitch === null ? twips : Math.ceil(twips / pitch - 0.5) * pitch;
}

export function filingStyles(format: CourtFormat): IStylesOptions {
  const size = Math.round(format.fontSizePt * 2);
  const bodyLine = Math.round(240 * format.lineSpacing);
  // On pleading paper every line, single- or double-spaced text alike, takes exactly one pitch.
  const pitchLine = pitchTwips(format);
  const pitch = pitchLine === null ? null : { line: pitchLine, lineRule: LineRuleType.EXACT };
  const heading = { run: { font: FONT, size, bold: true, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER, keepNext: true } };
  // On pleading paper: a blank line after a title and before a section's heading, as the PDF's pleading page has them.
  const titleSpacing = pitchLine === null ? { before: 240, after: 240 } : { before: 0, after: pitchLine };
  const sectionSpacing = pitchLine === null ? { before: 240, after: 120 } : { before: pitchLine, after: 0 };
  return {
    // docx writes its own Title and Heading styles; these replace them rather than adding a second style of the same id.
    default: {
      document: { run: { font: FONT, size }, paragraph: { spacing: { before: 0, after: 0, ...pitch } } },
      title: heading,
      heading1: { ...heading, paragraph: { ...heading.paragraph, spacing: titleSpacing, outlineLevel: 0 } },
      heading2: { ...heading, paragraph: { ...heading.paragraph, spacing: sectionSpacing, outlineLevel: 1 } },
    },
    paragraphStyles: [
      { id: 'Normal', name: 'Normal', quickFormat: true, run: { font: FONT, size }, ...(pitch ? { paragraph: { spacing: pitch } } : {}) },
      {
        id: 'BodyText',
        name: 'Body Text',
        basedOn: 'Normal',
        next: 'BodyText',
        quickFormat: true,
        paragraph: { spacing: pitch ? { ...pitch, before: 0, after: 0 } : { line: bodyLine, before: 0, after: 0 }, indent: { firstLine: HALF_INCH } },
      },
      {
        id: 'Caption',
        name: 'Caption',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: FONT, bold: true, size },
        paragraph: { spacing: { before: onPitch(format, 180), after: onPitch(format, 60) }, keepNext: true },
      },
      {
        id: 'Signature',
        name: 'Signature',
        basedOn: 'Normal',
        next: 'Signature',
        paragraph: { indent: { left: Math.round(2.6 * TWIPS_PER_INCH) }, keepNext: true, keepLines: true },
      },
      {
        id: 'Header',
        name: 'header',
        basedOn: 'Normal',
        run: { size: 24 },
      },
      {
        id: 'Footer',
        name: 'footer',
        basedOn: 'Normal',
        run: { size: 24 },
      },
    ],
  };
}

/** "1." at the first-line indent, the text from one inch: the PDF's numbered paragraphs. */
export function filingNumbering(): INumberingOptions {
  return {
    config: [
      {
        reference: PARAGRAPH_NUMBERING,
        levels: [
          {
            level: 0,
            format: LevelFormat.DECIMAL,
            text: '%1.',
            alignment: AlignmentType.LEFT,
            suffix: LevelSuffix.TAB,
            style: { paragraph: { indent: { left: 0, firstLine: HALF_INCH } } },
          },
        ],
      },
    ],
  };
}

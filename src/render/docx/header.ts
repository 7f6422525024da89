/**
 * The DOCX's running header, which carries what is drawn on every page
 * behind or beside the text: the case number, the watermark (DRAFT, or the
 * config's) as Word's own watermark shape, and the pleading paper's line
 * numbers.
 *
 * Line numbers are not Word's line numbering (w:lnNumType): Word and
 * LibreOffice count only the lines of body paragraphs, so the numbers stop
 * beside the caption's table and every figure table and the count on a page
 * falls short of 28. Legal secretaries' fix, and Word's old pleading
 * templates', is a box in the header holding 1 to 28 at the line pitch;
 * every line of the body sits on that same pitch (styles.ts, onPitch), so the
 * numbers are beside the text on every page whatever is on it.
 */
import { AlignmentType, BorderStyle, FrameAnchorType, Header, HeightRule, ImportedXmlComponent, LineRuleType, Paragraph, TabStopType, TextRun, type ParagraphChild } from 'docx';
import type { PleadingGeometry } from '../../config/local-rules.js';
import type { ReportView } from '../types.js';
import { TWIPS_PER_INCH } from './styles.js';

export function runningHeader(view: ReportView, textWidthInches: number, pleading: PleadingGeometry | null): Header {
  const children: Paragraph[] = [];
  if (pleading) children.push(lineNumbers(view, pleading));
  const mark: ParagraphChild[] = view.document.watermark ? [watermark(view.document.watermark, textWidthInches)] : [];
  if (view.format.runningHeader) {
    children.push(
      new Paragraph({
        style: 'Header',
        tabStops: [{ type: TabStopType.RIGHT, position: Math.round(textWidthInches * TWIPS_PER_INCH) }],
        children: [...mark, new TextRun({ text: `\tCase No. ${view.case.captionNumber}` })],
      }),
    );
  } else if (mark.length > 0 || pleading) {
    // After the numbers' frame always a paragraph of the header's own: LibreOffice makes the frame only once one follows.
    children.push(new Paragraph({ style: 'Header', children: mark }));
  }
  return new Header({ children });
}

/**
 * 1 to linesPerPage, right-aligned in a frame left of the text, one pitch
 * apart from the top margin, with the double rule of pleading paper at their
 * right, as the PDF's margin box draws them.
 */
function lineNumbers(view: ReportView, pleading: PleadingGeometry): Paragraph {
  const pitch = Math.round(pleading.pitchPt * 20);
  const left = Math.round(pleading.sideInches * TWIPS_PER_INCH);
  // The PDF's: the rule 0.1 in left of the text, the numbers 0.12 in left of the rule.
  const ruleGap = Math.round(0.1 * TWIPS_PER_INCH);
  const numberGap = Math.round(0.12 * TWIPS_PER_INCH);
  const width = Math.round(0.45 * TWIPS_PER_INCH);
  const size = Math.round(view.format.fontSizePt * 2);
  return new Paragraph({
    style: 'Header',
    alignment: AlignmentType.RIGHT,
    spacing: { before: 0, after: 0, line: pitch, lineRule: LineRuleType.EXACT },
    frame: {
      type: 'absolute',
      position: { x: left - ruleGap - numberGap - width, y: Math.round(pleading.topInches * TWIPS_PER_INCH) },
      width,
      height: pitch * pleading.lines.length,
      rule: HeightRule.EXACT,
      anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
    },
    border: { right: { style: BorderStyle.DOUBLE, size: 6, color: '000000', space: Math.round((numberGap / 20) * 0.75) } },
    children: pleading.lines.map((n, i) => new TextRun({ text: String(n), size, ...(i > 0 ? { break: 1 } : {}) })),
  });
}

/**
 * Word's watermark: the text as a WordArt shape in the header, centred on the
 * page's text area, turned 45°, pale and behind the text (z-index below
 * zero), on every page; Word shows it under Design > Watermark, and
 * LibreOffice reads it as its own watermark. The shape type is Word's
 * "plain text" WordArt (136), written out as Word writes it.
 */
function watermark(text: string, textWidthInches: number): ParagraphChild {
  const width = Math.round(textWidthInches * 72 * 0.9);
  const height = Math.round(width / Math.max(3, text.length * 0.62));
  const xml =
    '<w:r><w:rPr><w:noProof/></w:rPr><w:pict>' +
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">' +
    '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/>' +
    '<v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/>' +
    '<v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>' +
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>' +
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>' +
    `<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:${width}pt;height:${height}pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="silver" stroked="f">` +
    `<v:fill opacity=".5"/><v:textpath style="font-family:&quot;Times New Roman&quot;;font-size:1pt" string="${escapeAttribute(text)}"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape>` +
    '</w:pict></w:r>';
  // The parsed XML's first element: fromXmlString wraps what it reads in a root of its own.
  const imported = ImportedXmlComponent.fromXmlString(xml) as unknown as { root: ParagraphChild[] };
  return imported.root[0]!;
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

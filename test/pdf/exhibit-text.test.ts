/** The words of PDF exhibits, read from their content streams for the personal-data check. */
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { exhibitText, parseToUnicode } from '../../src/pdf/exhibits/text.js';

async function reload(doc: PDFDocument): Promise<PDFDocument> {
  return PDFDocument.load(await doc.save({ useObjectStreams: false }));
}

/** A page whose content stream is given, with font F1 as the font dictionary built by `font`. */
async function pageWith(content: string, font: (doc: PDFDocument) => Record<string, unknown>): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const fontRef = doc.context.register(doc.context.obj(font(doc) as never));
  page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: fontRef } }));
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(content)));
  return reload(doc);
}

const toUnicode = (doc: PDFDocument, cmap: string) => doc.context.register(doc.context.flateStream(cmap));
const CMAP = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <0042> endbfchar
1 beginbfrange <0011> <001A> <0030> endbfrange
1 beginbfrange <0020> <0022> [<0043> <0061> <0072>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;

describe('exhibitText', () => {
  it('reads a standard font\'s text (WinAnsi), one line a page', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText('Booking B2024001981 for Carmen Davis', { x: 72, y: 700, size: 12, font });
    doc.addPage().drawText('Second page', { x: 72, y: 700, size: 12, font });
    expect(exhibitText(await reload(doc))).toEqual({ pages: ['Booking B2024001981 for Carmen Davis', 'Second page'], unread: [] });
  });

  it('decodes a composite font through its ToUnicode map: bfchar, bfrange and a range of a list', async () => {
    const doc = await pageWith('BT /F1 12 Tf 72 700 Td <0010001100120013> Tj [<0003>] TJ [<00200021> -300 <0022>] TJ ET', (d) => ({
      Type: 'Font', Subtype: 'Type0', BaseFont: 'Tinos', Encoding: 'Identity-H', ToUnicode: toUnicode(d, CMAP),
    }));
    expect(exhibitText(doc).pages).toEqual(['B012 Ca r']);
  });

  it('counts a page in a composite font without a ToUnicode map as unread', async () => {
    const doc = await pageWith('BT /F1 12 Tf 72 700 Td <00100011> Tj ET', () => ({ Type: 'Font', Subtype: 'Type0', BaseFont: 'X', Encoding: 'Identity-H' }));
    expect(exhibitText(doc)).toEqual({ pages: [''], unread: [1] });
  });

  it('counts a page with no text (a scan, a drawing) as unread', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawRectangle({ x: 72, y: 500, width: 200, height: 100 });
    expect(exhibitText(await reload(doc)).unread).toEqual([1]);
  });

  it('reads literal strings with escapes, and /Differences glyph names', async () => {
    const doc = await pageWith('BT /F1 12 Tf (A\\(1\\) \\101B) Tj T* (\\001\\002) Tj ET', () => ({
      Type: 'Font', Subtype: 'Type1', BaseFont: 'Custom', Encoding: { Type: 'Encoding', Differences: [1, 'nine', 'Z'] },
    }));
    expect(exhibitText(doc).pages).toEqual(['A(1) AB\n9Z']);
  });

  it('reads text drawn in a form XObject, and skips an inline image\'s bytes', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage();
    const form = doc.context.register(
      doc.context.flateStream('BT /F1 12 Tf (Luis Ortega) Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 612, 792], Resources: { Font: { F1: font.ref } } }),
    );
    page.node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { X1: form } }));
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream('q BI /W 2 /H 1 /BPC 8 /CS /G ID \u0000) Tj EI Q q /X1 Do Q')));
    expect(exhibitText(await reload(doc)).pages).toEqual(['Luis Ortega']);
  });
});

describe('parseToUnicode', () => {
  it('takes the code width from the code space', () => {
    expect(parseToUnicode('begincodespacerange <00> <FF> endcodespacerange').width).toBe(1);
    expect(parseToUnicode(CMAP).map.get(0x001a)).toBe('9');
  });
});

/**
 * PDF/A wants every font embedded. Chrome embeds all of its fonts; an
 * appended exhibit may not (a PDF that uses Helvetica by name), and the merged
 * file would not be PDF/A.
 */
import { PDFDict, PDFName, type PDFDocument } from 'pdf-lib';

/** The name of the first font whose program is not embedded, or null. */
export function unembeddedFont(doc: PDFDocument): string | null {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.get(PDFName.of('Subtype'));
    // A Type0 font's program is in its descendant, checked as a font of its own; Type3 glyphs are drawings.
    if (subtype === PDFName.of('Type0') || subtype === PDFName.of('Type3')) continue;
    const descriptor = object.lookup(PDFName.of('FontDescriptor'));
    const embedded = descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.has(PDFName.of(key)));
    if (!embedded) {
      const name = object.lookup(PDFName.of('BaseFont'));
      return name instanceof PDFName ? name.decodeText() : 'a font without a name';
    }
  }
  return null;
}

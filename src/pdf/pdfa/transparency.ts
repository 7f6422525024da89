/**
 * Finds transparency in a PDF, which PDF/A-1 forbids: a constant alpha below
 * 1 or a soft mask in a graphics state, a blend mode other than Normal, a
 * transparency group, or an image with a soft mask. Chrome writes these for
 * rgba() colours, opacity and images with alpha.
 */
import { PDFDict, PDFName, PDFNumber, type PDFDocument } from 'pdf-lib';

/** What the first transparency found is ("an alpha of 0.5 in a graphics state"), or null. */
export function transparencyIn(doc: PDFDocument): string | null {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : 'dict' in object && object.dict instanceof PDFDict ? object.dict : null;
    if (!dict) continue;
    const found = transparencyOf(dict);
    if (found) return found;
    const states = dict.lookup(PDFName.of('ExtGState'));
    if (states instanceof PDFDict) {
      for (const [, state] of states.entries()) {
        const resolved = doc.context.lookup(state);
        if (resolved instanceof PDFDict) {
          const inState = transparencyOf(resolved);
          if (inState) return inState;
        }
      }
    }
  }
  return null;
}

function transparencyOf(dict: PDFDict): string | null {
  for (const key of ['CA', 'ca']) {
    const alpha = dict.lookup(PDFName.of(key));
    if (alpha instanceof PDFNumber && alpha.asNumber() < 1) return `an alpha of ${alpha.asNumber()} in a graphics state`;
  }
  const mask = dict.get(PDFName.of('SMask'));
  if (mask && mask !== PDFName.of('None')) return dict.get(PDFName.of('Subtype')) === PDFName.of('Image') ? 'an image with a soft mask (alpha)' : 'a soft mask';
  const blend = dict.lookup(PDFName.of('BM'));
  if (blend instanceof PDFName && blend !== PDFName.of('Normal') && blend !== PDFName.of('Compatible')) return `the blend mode ${blend.decodeText()}`;
  const group = dict.lookup(PDFName.of('Group'));
  if (group instanceof PDFDict && group.get(PDFName.of('S')) === PDFName.of('Transparency')) return 'a transparency group';
  return null;
}

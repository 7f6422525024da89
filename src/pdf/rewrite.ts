/**
 * The re-write of a stamped PDF with pdf-lib: loaded once, changed, saved once.
 * Imported by finish.ts only when something needs it, so pdf-lib is loaded
 * only then.
 */
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import { appendExhibits } from './exhibits/append.js';
import type { FinishOptions } from './finish.js';
import { applyPdfA, contentDigest } from './pdfa/index.js';

export async function rewritePdf(stamped: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.load(stamped, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  if (options.exhibits?.length) await appendExhibits(doc, options.exhibits);
  if (options.pdfa) await applyPdfA(doc, options.pdfa, options.properties, contentDigest(stamped));
  // Classic xref table and no object streams: PDF/A-1 forbids XRef streams, and plain objects are what Preflight reads.
  const saved = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  // pdf-lib always writes a 1.7 header; PDF/A-1 is PDF 1.4, what Chrome wrote. Same length: no offset moves.
  if (options.pdfa === '1b') saved.set(Buffer.from('%PDF-1.4', 'latin1'), 0);
  return saved;
}

/**
 * The last step of a PDF: what needs the whole document re-written (PDF/A,
 * exhibits appended) is done here, in one load and one save with pdf-lib.
 * Without either, the stamped PDF is returned as it is and pdf-lib is not
 * even loaded, so a plain report stays as fast as stamping.
 */
import type { ExhibitToAppend } from './exhibits/append.js';
import type { PdfProperties } from './metadata.js';
import type { PdfALevel } from './pdfa/xmp.js';

export interface FinishOptions {
  /** The PDF/A level to conform to, or false. */
  pdfa: PdfALevel | false;
  /** The document properties stampPdf wrote, for the XMP packet. */
  properties: PdfProperties;
  /** Existing PDFs to append, in order (their covers, if any, are already printed). */
  exhibits?: readonly ExhibitToAppend[];
}

let rewriter: Promise<typeof import('./rewrite.js')> | undefined;

/** Starts loading pdf-lib (half a second on a busy machine) while Chrome prints; call it when a build will need it. */
export function prepareRewrite(): void {
  rewriter ??= import('./rewrite.js');
  rewriter.catch(() => undefined);
}

/** Whether finishPdf will re-write a PDF with these options (and so needs pdf-lib). */
export function needsRewrite(options: { pdfa: FinishOptions['pdfa']; exhibits?: readonly unknown[] }): boolean {
  return options.pdfa !== false || (options.exhibits?.length ?? 0) > 0;
}

export async function finishPdf(stamped: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  if (!needsRewrite(options)) return stamped;
  prepareRewrite();
  const { rewritePdf } = await rewriter!;
  return rewritePdf(stamped, options);
}

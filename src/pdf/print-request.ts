/**
 * The print itself, straight over the page's DevTools session: one request
 * for the fonts, one for the PDF, which comes back in the reply.
 *
 * Why not puppeteer's page.pdf: it asks for the PDF as a stream and reads it
 * back in further requests (IO.read until the end, IO.close), each a round
 * trip that waits until Node's thread is free; for a report of a few hundred
 * kilobytes the one reply is shorter. The print parameters are the ones
 * page.pdf sends for the same options, so the PDF is the same bytes
 * (test/pdf/print-request.test.ts compares the two).
 */
import type { CDPSession, PaperFormat } from 'puppeteer-core';

/** Paper sizes in inches, as puppeteer's page.pdf has them (puppeteer-core's PDFOptions.js). */
const PAPER_INCHES: Record<string, { width: number; height: number }> = {
  letter: { width: 8.5, height: 11 },
  legal: { width: 8.5, height: 14 },
  tabloid: { width: 11, height: 17 },
  ledger: { width: 17, height: 11 },
  a0: { width: 33.1102, height: 46.811 },
  a1: { width: 23.3858, height: 33.1102 },
  a2: { width: 16.5354, height: 23.3858 },
  a3: { width: 11.6929, height: 16.5354 },
  a4: { width: 8.2677, height: 11.6929 },
  a5: { width: 5.8268, height: 8.2677 },
  a6: { width: 4.1339, height: 5.8268 },
};

/** What Page.printToPDF is sent: page.pdf's for { format, printBackground, preferCSSPageSize, tagged, outline }. */
export function printParameters(paper: PaperFormat) {
  const size = PAPER_INCHES[paper.toLowerCase()];
  if (!size) throw new Error(`unknown paper format ${paper}`);
  return {
    transferMode: 'ReturnAsBase64' as const,
    landscape: false,
    displayHeaderFooter: false,
    headerTemplate: '',
    footerTemplate: '',
    printBackground: true,
    scale: 1,
    paperWidth: size.width,
    paperHeight: size.height,
    marginTop: 0,
    marginBottom: 0,
    marginLeft: 0,
    marginRight: 0,
    pageRanges: '',
    preferCSSPageSize: true,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

/**
 * Prints the page's loaded document once its fonts are ready. DevTools'
 * evaluation runs although the page's own scripts are off; it reads only
 * document.fonts, which the document cannot script.
 */
export async function printLoadedPage(cdp: CDPSession, paper: PaperFormat): Promise<Uint8Array> {
  // As page.pdf's waitForFonts: a face still loading would print in the fallback font.
  await cdp.send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => undefined)', awaitPromise: true, returnByValue: true });
  const { data } = await cdp.send('Page.printToPDF', printParameters(paper));
  return new Uint8Array(Buffer.from(data, 'base64'));
}

/**
 * Stamps a printed PDF with its document properties and fixed dates, so the
 * same inputs and --as-of give the same bytes.
 */

export interface PdfProperties {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** The as-of date, YYYY-MM-DD: both CreationDate and ModDate. */
  date: string;
}

/** pdf-lib, loaded once, when the first PDF is stamped (it costs ~170 ms, best spent while Chrome prints). */
let pdfLib: Promise<typeof import('pdf-lib')> | undefined;
export function loadPdfLib(): Promise<typeof import('pdf-lib')> {
  return (pdfLib ??= import('pdf-lib'));
}

export async function stampPdf(pdf: Uint8Array, properties: PdfProperties): Promise<Uint8Array> {
  const { PDFDocument } = await loadPdfLib();
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const date = new Date(`${properties.date}T12:00:00Z`);
  document.setTitle(properties.title, { showInWindowTitleBar: true });
  document.setAuthor(properties.author);
  document.setSubject(properties.subject);
  document.setKeywords(properties.keywords);
  document.setCreator(properties.creator);
  document.setProducer(properties.creator);
  document.setCreationDate(date);
  document.setModificationDate(date);
  return document.save({ useObjectStreams: false });
}

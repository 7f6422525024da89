/**
 * The .docx package with bytes that depend only on the document: the docx
 * library stamps the clock into docProps/core.xml and into every zip entry,
 * so the package is written again with the filing date in both and its
 * entries in a fixed order.
 */
import JSZip from 'jszip';

/** The package's bytes, and the XML of its text parts (document, headers, footers) for the personal-data check. */
export interface WordPackage {
  bytes: Uint8Array;
  textParts: string[];
  /** Each text part's name in the package (word/document.xml, word/header1.xml), in step with textParts. */
  textPartNames: string[];
}

/** Text-bearing parts of a package, in a fixed order. */
export const TEXT_PART = /^word\/(document|header\d*|footer\d*)\.xml$/;

export async function deterministicPackage(docx: Uint8Array, asOf: string): Promise<WordPackage> {
  const source = await JSZip.loadAsync(docx);
  const stamp = `${asOf}T00:00:00Z`;
  const date = new Date(stamp);
  const target = new JSZip();
  const names = Object.keys(source.files).filter((name) => !source.files[name]!.dir).sort(contentTypesFirst);
  const textParts: string[] = [];
  const textPartNames: string[] = [];
  for (const name of names) {
    let data: Uint8Array | string = await source.files[name]!.async('uint8array');
    if (name === 'docProps/core.xml') {
      data = new TextDecoder().decode(data).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    if (TEXT_PART.test(name)) {
      textParts.push(typeof data === 'string' ? data : new TextDecoder().decode(data));
      textPartNames.push(name);
    }
    // Pictures are compressed already: stored as they are, which is also much faster.
    target.file(name, data, { date, createFolders: false, ...(name.startsWith('word/media/') ? { compression: 'STORE' } : {}) });
  }
  const bytes = await target.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
  return { bytes, textParts, textPartNames };
}

/** [Content_Types].xml first, as Word writes it and some readers expect. */
function contentTypesFirst(a: string, b: string): number {
  if (a === '[Content_Types].xml') return -1;
  if (b === '[Content_Types].xml') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

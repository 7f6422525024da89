/**
 * The .docx package with bytes that depend only on the document: the docx
 * library stamps the clock into docProps/core.xml and into every zip entry,
 * so the package is written again with the filing date in both and its
 * entries in a fixed order.
 */
import JSZip from 'jszip';

export async function deterministicPackage(docx: Uint8Array, asOf: string): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(docx);
  const stamp = `${asOf}T00:00:00Z`;
  const date = new Date(stamp);
  const target = new JSZip();
  const names = Object.keys(source.files).filter((name) => !source.files[name]!.dir).sort(contentTypesFirst);
  for (const name of names) {
    let data: Uint8Array | string = await source.files[name]!.async('uint8array');
    if (name === 'docProps/core.xml') {
      data = new TextDecoder().decode(data).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    target.file(name, data, { date, createFolders: false });
  }
  return target.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}

/** [Content_Types].xml first, as Word writes it and some readers expect. */
function contentTypesFirst(a: string, b: string): number {
  if (a === '[Content_Types].xml') return -1;
  if (b === '[Content_Types].xml') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

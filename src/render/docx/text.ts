/** The words of a .docx (document, headers, footers), for the personal-data check and tests. */
import JSZip from 'jszip';
import { TEXT_PART } from './package.js';

/** The words of a written .docx. */
export async function documentText(docx: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const parts = Object.keys(zip.files).filter((name) => TEXT_PART.test(name)).sort();
  return partsText(await Promise.all(parts.map((name) => zip.files[name]!.async('string'))));
}

/** The words of the XML of text parts. */
export function partsText(xml: string[]): string {
  return xml.map(xmlText).join('\n');
}

/** The words of some WordprocessingML: a line for each paragraph, tags gone, entities decoded. */
export function xmlText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

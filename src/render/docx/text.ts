/** The words of a .docx (document, headers, footers), for the personal-data check and tests. */
import JSZip from 'jszip';

export async function documentText(docx: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const parts = Object.keys(zip.files).filter((name) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name)).sort();
  const xml = await Promise.all(parts.map((name) => zip.files[name]!.async('string')));
  return xml
    .map((part) =>
      part
        .replace(/<\/w:p>/g, '\n')
        .replace(/<w:tab\/>/g, '\t')
        .replace(/<[^>]*>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .join('\n');
}

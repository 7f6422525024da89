/**
 * The XMP packet PDF/A requires: the document properties of the Info
 * dictionary again, in the form validators compare them with (same title,
 * author, subject, keywords, tools and dates), plus the PDF/A part and
 * conformance it claims.
 */
import type { PdfProperties } from '../metadata.js';

export type PdfALevel = '1b' | '2b';

export function xmpPacket(properties: PdfProperties, level: PdfALevel, dateTime: string): string {
  const creators = properties.author ? `<rdf:Seq><rdf:li>${xml(properties.author)}</rdf:li></rdf:Seq>` : '<rdf:Seq/>';
  return [
    // The byte-order mark in begin="…" is how readers tell the packet's encoding (UTF-8).
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    `<pdfaid:part>${level[0]}</pdfaid:part>`,
    '<pdfaid:conformance>B</pdfaid:conformance>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(properties.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator>${creators}</dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(properties.subject)}</rdf:li></rdf:Alt></dc:description>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Keywords>${xml(properties.keywords.join(', '))}</pdf:Keywords>`,
    `<pdf:Producer>${xml(properties.creator)}</pdf:Producer>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreatorTool>${xml(properties.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${dateTime}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${dateTime}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${dateTime}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

function xml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

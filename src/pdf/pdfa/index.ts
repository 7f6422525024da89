/**
 * Turns Chrome's PDF 1.4 into PDF/A-1b or PDF/A-2b, in a document pdf-lib
 * has loaded (the caller saves it with a classic xref table: PDF/A-1 forbids
 * XRef streams). Chrome's file lacks four things PDF/A needs: an XMP packet
 * matching the Info dictionary, an OutputIntent for its DeviceRGB colours, a
 * trailer /ID, and (PDF/A-1) a CIDSet for each subset font. Tags, bookmarks
 * and embedded fonts are Chrome's, kept as they are.
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, decodePDFRawStream } from 'pdf-lib';
import { UserError } from '../../errors.js';
import { srgbProfile } from '../icc-profile.js';
import type { PdfProperties } from '../metadata.js';
import { cidSet, widthsOf } from './cidset.js';
import { unembeddedFont } from './embedded-fonts.js';
import { transparencyIn } from './transparency.js';
import { xmpPacket, type PdfALevel } from './xmp.js';

export type { PdfALevel };

/**
 * Makes `doc` conform to the level. `digest` is a digest of the document's
 * content (the stamped PDF's bytes): its first 16 bytes are the trailer /ID,
 * so a rebuild of the same report gets the same /ID and the same bytes.
 */
export async function applyPdfA(doc: PDFDocument, level: PdfALevel, properties: PdfProperties, digest: Uint8Array): Promise<void> {
  const context = doc.context;
  if (level === '1b') {
    const found = transparencyIn(doc);
    if (found) {
      throw new UserError({
        message: `the document uses transparency (${found}), which PDF/A-1b forbids`,
        expected: 'colours without alpha: no rgba(), opacity or semi-transparent images in the template',
        hint: 'use solid colours in the template (a light grey instead of a translucent black), or set output.pdfa: 2b, which allows transparency',
      });
    }
  }

  const unembedded = unembeddedFont(doc);
  if (unembedded) {
    throw new UserError({
      message: `the font ${unembedded} is not embedded in the PDF, which PDF/A forbids`,
      hint: 'an exhibit PDF uses it: make the exhibit with its fonts embedded (print it to PDF, or save it as PDF/A), or leave output.pdfa unset',
    });
  }

  const xmp = Buffer.from(xmpPacket(properties, level, xmpDate(properties.date)), 'utf8');
  // PDF/A-1 wants the metadata stream unfiltered, so any tool can read it.
  const metadata = context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), context.register(metadata));

  // node:zlib, not pdf-lib's JavaScript deflate: several times faster.
  const profile = context.stream(deflateSync(await srgbProfile()), { N: 3, Filter: 'FlateDecode' });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: context.register(profile),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));

  if (level === '1b') addCidSets(doc);
  markAnnotationsPrintable(doc);

  const id = PDFHexString.of(Buffer.from(digest.subarray(0, 16)).toString('hex').toUpperCase());
  context.trailerInfo.ID = context.obj([id, id]);
}

/** The digest the trailer /ID is taken from. */
export function contentDigest(pdf: Uint8Array): Uint8Array {
  return createHash('sha256').update(pdf).digest();
}

/** The as-of date at noon UTC, as stampPdf writes it into the Info dictionary, in XMP's form. */
function xmpDate(isoDate: string): string {
  return `${isoDate}T12:00:00+00:00`;
}

/** A CIDSet in the descriptor of every subset CIDFontType2 (Chrome's fonts are all of that kind). */
function addCidSets(doc: PDFDocument): void {
  const context = doc.context;
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype')) !== PDFName.of('CIDFontType2')) continue;
    const descriptor = object.lookup(PDFName.of('FontDescriptor'));
    if (!(descriptor instanceof PDFDict) || descriptor.has(PDFName.of('CIDSet'))) continue;
    const fontName = descriptor.lookup(PDFName.of('FontName'));
    const program = descriptor.lookup(PDFName.of('FontFile2'));
    if (!(program instanceof PDFRawStream)) continue;
    const bits = cidSet(fontProgram(program), widthsOf(numbers(doc, object.lookup(PDFName.of('W')))));
    if (!bits) {
      // Chrome embeds TrueType subsets; a font program we cannot read is a browser we do not know.
      throw new UserError({
        message: `cannot write the CIDSet PDF/A-1b needs for the font ${fontName instanceof PDFName ? fontName.decodeText() : 'embedded in the PDF'}: its program is not a TrueType font`,
        hint: 'set output.pdfa: 2b, which needs no CIDSet, or print with Chrome or Chromium 120 or newer',
      });
    }
    descriptor.set(PDFName.of('CIDSet'), context.register(context.stream(deflateSync(bits), { Filter: 'FlateDecode' })));
  }
}

/** The bytes of an embedded font program: Chrome's are deflated, which node:zlib undoes fastest. */
function fontProgram(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter === PDFName.of('FlateDecode')) return inflateSync(stream.getContents());
  return decodePDFRawStream(stream).decode();
}

/** A /W array as plain numbers and arrays of numbers. */
function numbers(doc: PDFDocument, w: unknown): Array<number | number[]> {
  if (!(w instanceof PDFArray)) return [];
  return w.asArray().map((item) => {
    const value = item instanceof PDFRef ? doc.context.lookup(item) : item;
    if (value instanceof PDFNumber) return value.asNumber();
    if (value instanceof PDFArray) return value.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
    return Number.NaN;
  });
}

/** PDF/A wants every annotation printed and visible: the Print flag set, Hidden, Invisible, NoView and ToggleNoView clear. */
function markAnnotationsPrintable(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annotations = page.node.Annots();
    if (!annotations) continue;
    for (let i = 0; i < annotations.size(); i++) {
      const annotation = annotations.lookup(i);
      if (!(annotation instanceof PDFDict)) continue;
      const flags = annotation.lookup(PDFName.of('F'));
      const value = flags instanceof PDFNumber ? flags.asNumber() : 0;
      annotation.set(PDFName.of('F'), PDFNumber.of((value | 4) & ~(1 | 2 | 32 | 256)));
    }
  }
}

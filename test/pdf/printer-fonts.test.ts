import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Printer } from '../../src/pdf/printer.js';
import { bundledFonts, type BundledFonts } from '../../src/render/fonts.js';

/** Chrome dates each PDF to the second it printed: masked, so two prints of one document compare. */
const undated = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1').replace(/\(D:\d{14}[^)]*\)/g, '(D:)');

/** A font name in the PDF (subset prefix dropped): which faces were drawn. */
const fontNames = (pdf: Uint8Array) => [...new Set([...undated(pdf).matchAll(/\/FontName \/[A-Z]{6}\+(\S+?)[\s/>]/g)].map((m) => m[1]))].sort();

describe('the first document on a page: fonts by the characters it has', () => {
  let fonts: BundledFonts;
  const printers: Printer[] = [];
  beforeAll(async () => {
    fonts = await bundledFonts();
  });
  afterAll(() => Promise.all(printers.map((p) => p.close())));

  /** Prints on a new browser, so each document is its page's first. */
  async function printFirst(body: string): Promise<Uint8Array> {
    const printer = await Printer.launch({ pages: 1 });
    printers.push(printer);
    const html = `<!doctype html><html><head><style>${fonts.css} body { font-family: Tinos, serif }</style></head><body>${body}</body></html>`;
    return printer.print(html, { paper: 'Letter', name: 'a test', assets: fonts.assets });
  }

  it('prints an accented name the scan cannot see (a character reference) the same as one it can', async () => {
    // Ł is in latin-ext only: written out, the face goes inline; as &#x141; it is loaded by URL when Chrome asks.
    const seen = await printFirst('<p>Łukasz Nowak</p>');
    const unseen = await printFirst('<p>&#x141;ukasz Nowak</p>');
    expect(undated(unseen)).toBe(undated(seen));
  }, 60_000);

  it('draws the accented letter in Tinos, not a fallback face', async () => {
    const pdf = await printFirst('<p>&#x141;ukasz Nowak</p>');
    expect(fontNames(pdf).length).toBeGreaterThan(0);
    expect(fontNames(pdf).every((name) => name!.startsWith('Tinos'))).toBe(true);
  }, 60_000);
});

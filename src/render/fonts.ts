/**
 * Tinos (a Times-metric serif, SIL OFL), bundled, as @font-face rules: every
 * report prints with the same glyphs on every machine, instead of whatever
 * serif the system happens to have.
 *
 * Documents are rendered with each face by URL, the URL the printer answers
 * from memory (see PrintAsset); the HTML written to disk gets the faces
 * inlined as data: URLs in their place (inlineAssets), so it fetches nothing.
 * Swapping a short URL for ~100 KB of base64 is cheap; finding the base64 in
 * a 0.5 MB document to swap it back for printing was not.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface BundledFonts {
  /** @font-face rules for the family "Tinos", each face by its PrintAsset URL. */
  css: string;
  /** Every file read, absolute. */
  files: string[];
  /** The same fonts by URL, for printing (see PrintAsset). */
  assets: PrintAsset[];
}

/**
 * A file the printed page loads by URL, where the HTML written to disk has it
 * inlined as a data: URL. Chrome keeps a font loaded by URL in its memory
 * cache, so a page reused for a batch decodes each face once instead of once
 * per report. The URL's host cannot resolve: the printer answers it from
 * memory and blocks everything else.
 */
export interface PrintAsset {
  /** The data: URL that replaces `url` in the HTML written to disk. */
  dataUrl: string;
  /** Where the rendered document loads it from; its host cannot resolve. */
  url: string;
  contentType: string;
  body: Uint8Array;
  /** The characters the face draws (its @font-face unicode-range): Chrome loads it only for a document that has one. */
  unicodeRange: string;
}

/** latin covers English and typographic punctuation (— “ ” −); latin-ext the accented names of parties and places. */
const SUBSETS = ['latin', 'latin-ext'] as const;
const FACES = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
] as const;

let loading: Promise<BundledFonts> | undefined;

/** Read once per process: the files are ~0.3 MB and never change while it runs. */
export function bundledFonts(): Promise<BundledFonts> {
  loading ??= readFonts().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readFonts(): Promise<BundledFonts> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('@fontsource/tinos/package.json'));
  const rangesFile = join(packageDir, 'unicode.json');
  const ranges = JSON.parse(await readFile(rangesFile, 'utf8')) as Record<string, string>;
  const files = [rangesFile];
  const rules: string[] = [];
  const assets: PrintAsset[] = [];
  for (const subset of SUBSETS) {
    for (const face of FACES) {
      const name = `tinos-${subset}-${face.weight}-${face.style}.woff2`;
      const file = join(packageDir, 'files', name);
      const data = await readFile(file);
      files.push(file);
      const url = `https://court-report.invalid/fonts/${name}`;
      const unicodeRange = ranges[subset] ?? 'U+0000-00FF';
      assets.push({ dataUrl: `data:font/woff2;base64,${data.toString('base64')}`, url, contentType: 'font/woff2', body: data, unicodeRange });
      rules.push(
        `@font-face {\n  font-family: 'Tinos';\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n` +
          // block: print waits for the font rather than falling back to another face.
          `  font-display: block;\n  src: url(${url}) format('woff2');\n` +
          `  unicode-range: ${unicodeRange};\n}`,
      );
    }
  }
  return { css: rules.join('\n'), files, assets };
}

/** The document with every asset's URL replaced by its data: URL: self-contained. */
export function inlineAssets(html: string, assets: readonly PrintAsset[]): string {
  if (assets.length === 0) return html;
  const byUrl = new Map(assets.map((asset) => [asset.url, asset.dataUrl]));
  // One pass, so the 0.5 MB result is built once rather than once per asset.
  const urls = new RegExp([...byUrl.keys()].map((url) => url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
  return html.replace(urls, (url) => byUrl.get(url)!);
}

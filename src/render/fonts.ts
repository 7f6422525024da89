/**
 * Tinos (a Times-metric serif, SIL OFL) inlined as @font-face rules with
 * data: URLs. The HTML then fetches nothing and prints with the same glyphs on
 * every machine, instead of whatever serif the system happens to have.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface InlinedFonts {
  /** @font-face rules for the family "Tinos". */
  css: string;
  /** Every file read, absolute. */
  files: string[];
}

/** latin covers English and typographic punctuation (— “ ” −); latin-ext the accented names of parties and places. */
const SUBSETS = ['latin', 'latin-ext'] as const;
const FACES = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
] as const;

let loading: Promise<InlinedFonts> | undefined;

/** Read once per process: the files are ~0.3 MB and never change while it runs. */
export function inlinedFonts(): Promise<InlinedFonts> {
  loading ??= readFonts().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readFonts(): Promise<InlinedFonts> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('@fontsource/tinos/package.json'));
  const rangesFile = join(packageDir, 'unicode.json');
  const ranges = JSON.parse(await readFile(rangesFile, 'utf8')) as Record<string, string>;
  const files = [rangesFile];
  const rules: string[] = [];
  for (const subset of SUBSETS) {
    for (const face of FACES) {
      const file = join(packageDir, 'files', `tinos-${subset}-${face.weight}-${face.style}.woff2`);
      const data = await readFile(file);
      files.push(file);
      rules.push(
        `@font-face {\n  font-family: 'Tinos';\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n` +
          // block: print waits for the font rather than falling back to another face.
          `  font-display: block;\n  src: url(data:font/woff2;base64,${data.toString('base64')}) format('woff2');\n` +
          `  unicode-range: ${ranges[subset] ?? 'U+0000-00FF'};\n}`,
      );
    }
  }
  return { css: rules.join('\n'), files };
}

/**
 * `npm run bundle`: the command line as dist/bin/, from tsc's output in dist/.
 *
 * - dist/bin/main.js, cli.js, csv-worker.js and their chunks: ES modules split
 *   by esbuild, so a command loads only what it uses.
 * - dist/bin/court-report-cli.js: the same command line as one script (one
 *   CommonJS function, whitespace removed), which V8 can keep compiled code
 *   for (scripts/code-cache.mjs; src/cli/start.ts explains the choice).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { precompiledSpecsModule } from './precompile-templates.mjs';

const banner = { js: "import { createRequire as __courtReportRequire } from 'node:module'; const require = __courtReportRequire(import.meta.url);" };
/** The bundled templates, compiled now rather than on every build (scripts/precompile-templates.mjs). */
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup: (build) =>
    build.onLoad({ filter: /[\\/]dist[\\/]render[\\/]precompiled-specs\.js$/ }, () => ({ contents: precompiledSpecsModule('templates'), loader: 'js' })),
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Loaded by puppeteer only for WebDriver BiDi, and by sql.js's own loader: never bundled.
  external: ['chromium-bidi', 'sql.js'],
  // Handlebars asks for source-map only to map its own generated code, which we never show.
  alias: { 'source-map': './dist/render/no-source-map.js' },
  logLevel: 'warning',
  plugins: [precompiledTemplates],
};

await build({
  ...shared,
  entryPoints: [
    { in: 'dist/cli/main.js', out: 'cli' },
    { in: 'dist/snapshots/csv-worker.js', out: 'csv-worker' },
  ],
  format: 'esm',
  splitting: true,
  outdir: 'dist/bin',
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  banner,
});

// The loader, dist/bin/main.js: one file, no chunks to resolve and load before it spawns the browser.
// An ES module (the package's type) whose code is esbuild's CommonJS output: Node's built-in modules come
// through require(), where each import of one made the ES module loader build a facade for it first
// (nine of them, ~5 ms before the browser could be spawned).
await build({
  ...shared,
  entryPoints: ['dist/cli/start.js'],
  format: 'cjs',
  outfile: 'dist/bin/main.js',
  define: { 'import.meta.url': '__courtReportUrl' },
  banner: { js: `${banner.js} const __courtReportUrl = import.meta.url;` },
  plugins: [
    ...shared.plugins,
    {
      name: 'command-line-modules',
      // Its fallback, the command line as modules, is the split build's entry above.
      setup: (build) => build.onResolve({ filter: /^\.\/main\.js$/ }, (args) => (args.importer.endsWith('start.js') ? { path: './cli.js', external: true } : undefined)),
    },
  ],
});

const script = 'dist/bin/court-report-cli.js';
await build({
  ...shared,
  entryPoints: ['dist/cli/main.js'],
  format: 'cjs',
  outfile: script,
  // One file in dist/bin/, beside the modules: their relative URLs (templates, the CSV worker) hold for both.
  define: { 'import.meta.url': '__courtReportUrl' },
  banner: { js: "const __courtReportUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Comments out: a third smaller to read and to hash, and no non-ASCII text in them.
  minifyWhitespace: true,
  legalComments: 'none',
});

// Non-ASCII anywhere would make V8 hold the whole script as two-byte text (30 ms slower to load):
// each such UTF-16 unit is written as \uXXXX, which means the same in strings, regular expressions
// and names. Only String.raw would see the difference: non-ASCII text in one is refused.
const bundled = readFileSync(script, 'utf8').replace(/^#!.*\n/, '');
const raw = /String\.raw`[^`]*[^\x00-\x7f]/.exec(bundled);
if (raw) throw new Error(`${script}: non-ASCII text in String.raw, which a \\u escape would change (write it as \\u in the source): ${raw[0].slice(0, 120)}`);
const code = bundled.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
// A function of CommonJS's arguments, as Node itself would wrap the file, so that start.ts can compile it with vm.Script.
writeFileSync(script, `(function (exports, require, module, __filename, __dirname) {${code}\n})`);

/**
 * The jsreport side of the batch comparison. jsreport (core + handlebars +
 * chrome-pdf, the versions pinned in ../shared/SETUP.md) is installed into a
 * throwaway folder, bench/.work/jsreport, never into the product's
 * dependencies; its Chrome download is skipped and it prints with the same
 * system Chromium as court-report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const JSREPORT_PINS: Record<string, string> = {
  '@jsreport/jsreport-core': '4.7.1',
  '@jsreport/jsreport-handlebars': '4.0.1',
  '@jsreport/jsreport-chrome-pdf': '4.3.0',
};

export const JSREPORT_INSTALL = `PUPPETEER_SKIP_DOWNLOAD=true npm install --no-audit --no-fund ${Object.entries(JSREPORT_PINS)
  .map(([name, version]) => `${name}@${version}`)
  .join(' ')}`;

/** Versions actually installed, by package (puppeteer included: it drives Chrome). */
export type InstalledVersions = Record<string, string>;

/** Installs the pinned packages unless they are already there; writes the runner. Returns the runner's path. */
export function ensureJsreport(dir: string, log: (line: string) => void): { runner: string; versions: InstalledVersions; installMs: number } {
  mkdirSync(dir, { recursive: true });
  let installMs = 0;
  if (!installedMatches(dir)) {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'court-report-bench-jsreport', private: true, type: 'module' }, null, 2) + '\n');
    log(`installing jsreport into ${dir}: ${JSREPORT_INSTALL}`);
    const started = performance.now();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const args = ['install', '--no-audit', '--no-fund', ...Object.entries(JSREPORT_PINS).map(([name, version]) => `${name}@${version}`)];
    const result = spawnSync(npm, args, { cwd: dir, env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: 'true' }, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`npm install of jsreport failed (exit ${result.status}) in ${dir}`);
    installMs = performance.now() - started;
    if (!installedMatches(dir)) throw new Error(`jsreport installed in ${dir} does not match the pins ${JSON.stringify(JSREPORT_PINS)}`);
  }
  const runner = path.join(dir, 'render.mjs');
  writeFileSync(runner, RUNNER);
  const versions: InstalledVersions = {};
  for (const name of [...Object.keys(JSREPORT_PINS), 'puppeteer']) versions[name] = installedVersion(dir, name) ?? 'missing';
  return { runner, versions, installMs };
}

function installedMatches(dir: string): boolean {
  return Object.entries(JSREPORT_PINS).every(([name, version]) => installedVersion(dir, name) === version);
}

function installedVersion(dir: string, name: string): string | null {
  const file = path.join(dir, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : null;
}

/** What the runner prints on its last line. */
export interface JsreportTimings {
  concurrency: number;
  /** Loading the jsreport packages. */
  loadMs: number;
  /** jsreport.init(): worker threads, extensions. */
  initMs: number;
  /** The warm-up round (one render per browser: `concurrency` renders at once), which launches the browsers. Excluded. */
  warmupMs: number;
  /** The timed part: every document rendered to PDF and written to disk. */
  rendersMs: number;
  perRenderMs: number[];
  closeMs: number;
  documents: number;
}

/**
 * The runner, plain ESM inside the throwaway folder so it resolves jsreport
 * from there. `node render.mjs --concurrency N --out DIR --warmup FILE FILE...`
 * With concurrency N it runs N jsreport worker threads, each with a pool of
 * one Chrome (jsreport's chrome-pool prints one document per browser at a
 * time), and keeps N renders in flight.
 */
const RUNNER = `// Written by bench/jsreport.ts; do not edit here.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const started = performance.now();
const require = createRequire(import.meta.url);
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { concurrency: { type: 'string', default: '1' }, out: { type: 'string' }, warmup: { type: 'string' }, chrome: { type: 'string', default: '/usr/bin/chromium' } },
});
const concurrency = Number(values.concurrency);
const jsreportCore = require('@jsreport/jsreport-core');
const handlebars = require('@jsreport/jsreport-handlebars');
const chromePdf = require('@jsreport/jsreport-chrome-pdf');
const loaded = performance.now();

const tempDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tmp');
const jsreport = jsreportCore({
  loadConfig: false,
  logger: { silent: true },
  tempDirectory,
  reportTimeout: 60000,
  // No sandbox for template code: there is none (engine 'none'), and it is jsreport's faster setting.
  trustUserCode: true,
  workers: { numberOfWorkers: concurrency },
});
jsreport.use(handlebars());
jsreport.use(
  chromePdf({
    strategy: 'chrome-pool',
    numberOfWorkers: 1,
    launchOptions: {
      executablePath: values.chrome,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  }),
);
await jsreport.init();
const initialized = performance.now();

// The same page settings court-report prints with (src/pdf/printer.ts).
const chrome = { format: 'Letter', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, tagged: true, outline: true, waitForFonts: true };
const render = (html) => jsreport.render({ template: { content: html, engine: 'none', recipe: 'chrome-pdf', chrome } });

mkdirSync(values.out, { recursive: true });
const documents = positionals.map((file) => ({ file, html: readFileSync(file, 'utf8') }));
const warmupHtml = readFileSync(values.warmup ?? positionals[0], 'utf8');
await Promise.all(Array.from({ length: concurrency }, () => render(warmupHtml)));
const warmedUp = performance.now();

const perRenderMs = new Array(documents.length);
let next = 0;
async function lane() {
  while (next < documents.length) {
    const index = next++;
    const { file, html } = documents[index];
    const renderStarted = performance.now();
    const result = await render(html);
    writeFileSync(path.join(values.out, path.basename(path.dirname(file)) + '.pdf'), result.content);
    perRenderMs[index] = performance.now() - renderStarted;
  }
}
await Promise.all(Array.from({ length: concurrency }, lane));
const rendered = performance.now();
await jsreport.close();
const closed = performance.now();
// Its temp files (each document's HTML, each PDF) would otherwise pile up run after run.
rmSync(tempDirectory, { recursive: true, force: true });

console.log(JSON.stringify({
  concurrency,
  loadMs: loaded - started,
  initMs: initialized - loaded,
  warmupMs: warmedUp - initialized,
  rendersMs: rendered - warmedUp,
  perRenderMs,
  closeMs: closed - rendered,
  documents: documents.length,
}));
`;

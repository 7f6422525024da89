#!/usr/bin/env node
/**
 * What `court-report` runs first (bundled to dist/bin/main.js): it loads the
 * command line from V8's code cache when it can, else as plain ES modules.
 *
 * Why: compiling the command's JavaScript was a tenth of a report's whole
 * time. Node 20 has no code cache for ES modules, so `npm run build` also
 * writes the command line as one script (dist/bin/court-report-cli.js, the
 * same sources) and compiles it once on a real build of the example to keep
 * V8's compiled code (scripts/code-cache.mjs). V8 refuses a cache made by
 * another Node or with other V8 flags, and then compiles the whole script
 * from scratch, slower than loading the modules; so the cache is used only
 * when the Node, its flags and the script's bytes are the ones it was made
 * with, and otherwise the modules (dist/bin/cli.js) load as before.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { debuglog } from 'node:util';
import vm from 'node:vm';
import { codeCacheFiles, runtimeKey, scriptDigest, type CodeCacheKey } from './code-cache-key.js';
import { spawnBrowserFor } from './early-browser.js';

/** NODE_DEBUG=court-report-start says which way the command loaded, and when. */
const debug = debuglog('court-report-start');
const scriptFile = fileURLToPath(new URL('./court-report-cli.js', import.meta.url));

/** The cached script, or why there is none that V8 would take (and that is this script's). */
function cachedScript(): { source: string; cachedData: Buffer } | string {
  try {
    const files = codeCacheFiles(scriptFile);
    const key = JSON.parse(readFileSync(files.key, 'utf8')) as CodeCacheKey;
    if (key.runtime !== runtimeKey()) return 'no code cache for this Node and flags';
    const bytes = readFileSync(scriptFile);
    // V8 checks only the source's length: a rebuilt script of the same length would run stale code.
    if (scriptDigest(bytes) !== key.script) return 'the code cache is of another build of the command line';
    // ASCII only (scripts/bundle.mjs makes it so): V8 keeps it as one-byte text.
    return { source: bytes.toString('latin1'), cachedData: readFileSync(files.cache) };
  } catch {
    // No cache (a build without one, or a copy without it).
    return 'no code cache';
  }
}

function runCached({ source, cachedData }: { source: string; cachedData: Buffer }): void {
  const script = new vm.Script(source, {
    filename: scriptFile,
    cachedData,
    // Libraries loaded by import() at run time (none the build path needs) go through Node's own loader.
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  // The script is one function of CommonJS's arguments (scripts/bundle.mjs writes it so).
  if (script.cachedDataRejected) debug('V8 refused the code cache: compiled from source');
  const commandLine = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  commandLine.call(module.exports, module.exports, createRequire(scriptFile), module, scriptFile, fileURLToPath(new URL('.', import.meta.url)));
}

// First of all, before the command line compiles: Chrome boots meanwhile (main.ts takes it over).
spawnBrowserFor(process.argv.slice(2));
const cached = cachedScript();
if (typeof cached === 'string') {
  debug('%s: loading the modules', cached);
  // Not awaited at the top level: the loader is bundled as CommonJS code (scripts/bundle.mjs); a failure to load is a bug, and ends the process.
  void import('./main.js');
} else {
  runCached(cached);
  debug('command line compiled from its code cache by %d ms', Math.round(performance.now()));
}

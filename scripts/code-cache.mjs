/**
 * The last step of `npm run build`: compiles dist/bin/court-report-cli.js,
 * runs it as `court-report build` of the bundled example (PDF included when
 * a browser is installed, else --html-only), and keeps V8's compiled code at
 * exit as dist/bin/court-report-cli.js.v8cache, with the key the loader
 * (src/cli/start.ts) checks before using it. Run with the Node and flags the
 * command will run with; any other Node loads the plain modules instead.
 *
 * Usage: node scripts/code-cache.mjs            (the parent: runs the child below, then checks)
 *        node scripts/code-cache.mjs --child DIR (compiles, builds into DIR, writes the cache)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { codeCacheFiles, runtimeKey, scriptDigest } from '../dist/cli/code-cache-key.js';

const script = path.resolve('dist/bin/court-report-cli.js');
const files = codeCacheFiles(script);
const example = ['build', '--config', 'data/florida-v-mayorkas/report.yaml', '--period', '2024-05', '--as-of', '2024-06-14', '--quiet'];

if (process.argv[2] === '--child') {
  const out = process.argv[3];
  const htmlOnly = process.argv[4] === '--html-only';
  const bytes = readFileSync(script);
  // V8 drops the bytecode of functions that have not run for a few collections (module set-up code runs
  // once, first), and how many collections a build has depends on how long it takes: on a busy machine the
  // cache came out a third smaller, and a command started with it compiled for ~150 ms longer. Kept here for
  // the run; the flag is set back before the cache is made, since V8 refuses a cache made under other flags.
  v8.setFlagsFromString('--no-flush-bytecode');
  const compiled = new vm.Script(bytes.toString('latin1'), {
    filename: script,
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  process.argv = [process.argv[0], script, ...example, '--out', out, ...(htmlOnly ? ['--html-only'] : [])];
  // The command ends the process itself; what it compiled by then is what the cache keeps.
  process.on('exit', (code) => {
    if (code !== 0) return;
    v8.setFlagsFromString('--flush-bytecode');
    writeFileSync(files.cache, compiled.createCachedData());
    writeFileSync(files.key, JSON.stringify({ runtime: runtimeKey(), script: scriptDigest(bytes) }) + '\n');
  });
  const module = { exports: {} };
  compiled.runInThisContext().call(module.exports, module.exports, createRequire(script), module, script, path.dirname(script));
} else {
  rmSync(files.cache, { force: true });
  rmSync(files.key, { force: true });
  const work = mkdtempSync(path.join(os.tmpdir(), 'court-report-code-cache-'));
  // The build's own caches (validated definitions) go to the throwaway folder, not the user's.
  const env = { ...process.env, XDG_CACHE_HOME: path.join(work, 'cache') };
  const self = new URL(import.meta.url).pathname;
  try {
    try {
      execFileSync(process.execPath, [self, '--child', path.join(work, 'out')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      // No browser here: the cache then covers everything up to the print. Said, since the command then starts slower.
      const why = String(error?.stderr ?? error).trim().split('\n')[0];
      process.stderr.write(`code-cache: the example's build with its PDF failed (${why}); caching the HTML-only build\n`);
      execFileSync(process.execPath, [self, '--child', path.join(work, 'out'), '--html-only'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // Made by a child that the same Node ran with no flags: the key must be this process's own.
  const key = JSON.parse(readFileSync(files.key, 'utf8'));
  if (key.runtime !== runtimeKey()) throw new Error(`${files.key}: made under ${key.runtime}, but this Node runs as ${runtimeKey()}`);
}

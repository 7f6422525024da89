/**
 * `npm run wasm`: compiles src/diff/stream/delimiters.wat into
 * src/diff/stream/delimiters-wasm.ts (the module's bytes as base64), so that
 * the command, its bundle, its loader threads and the tests all carry the
 * same few hundred bytes without a file to find at run time. Run after
 * editing the .wat; test/diff/stream/delimiters.test.ts fails until then.
 *
 * Usage: node scripts/wasm.mjs [--check]   (--check: exit 1 if the .ts is stale)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { wasmModuleSource } from './wasm-source.mjs';

const target = 'src/diff/stream/delimiters-wasm.ts';
const source = await wasmModuleSource('src/diff/stream/delimiters.wat');
if (process.argv[2] === '--check') {
  if (readFileSync(target, 'utf8') !== source) {
    console.error(`${target} is not the compiled delimiters.wat: run npm run wasm`);
    process.exit(1);
  }
} else writeFileSync(target, source);

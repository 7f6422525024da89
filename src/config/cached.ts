/**
 * Report definitions already validated, kept by content. Reading the YAML and
 * checking it against the schema costs a single report ~150 ms (mostly
 * loading the YAML and schema libraries), before Chrome can be given
 * anything to print. The key covers the file's bytes, where it is, the
 * working folder and the code's version (its digest, not only its number),
 * so a hit is exactly what validating again would give; a definition with
 * problems is never stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODE_VERSION } from '../version.js';
import type { LoadConfigOptions } from './load.js';
import { bundledTemplatesDir } from './resolve.js';
import type { ResolvedConfig } from './types.js';

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'court-report', 'configs');
}

export async function loadConfigCached(file: string, options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  let text: Buffer;
  try {
    text = readFileSync(absolute);
  } catch {
    // The full loader says what is wrong with a file it cannot read.
    return (await import('./load.js')).loadConfig(file, options);
  }
  // Where this installation's templates are is part of a resolved config too.
  const key = createHash('sha256').update(JSON.stringify([CODE_VERSION, absolute, cwd, bundledTemplatesDir])).update(text).digest('hex');
  const stored = path.join(cacheDir(), `${key}.json`);
  try {
    return JSON.parse(readFileSync(stored, 'utf8')) as ResolvedConfig;
  } catch {
    // Not validated yet (or unreadable): validate now.
  }
  const config = await (await import('./load.js')).loadConfig(file, options);
  const temp = `${stored}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(stored), { recursive: true });
    writeFileSync(temp, JSON.stringify(config));
    renameSync(temp, stored);
  } catch {
    rmSync(temp, { force: true });
  }
  return config;
}

/**
 * Report definitions already validated, kept by content. Reading the YAML and
 * checking it against the schema costs a single report ~150 ms (mostly
 * loading the YAML and schema libraries), before Chrome can be given
 * anything to print. The key covers the file's bytes, where it is, the
 * working folder and the code's version (its digest, not only its number),
 * so a hit is exactly what validating again would give; a definition with
 * problems is never stored.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { cacheFolder, JsonCache } from '../cache.js';
import { inputLimits, readInputFileSync } from '../input-file.js';
import { CODE_VERSION } from '../version.js';
import type { LoadConfigOptions } from './load.js';
import { bundledTemplatesDir } from './resolve.js';
import type { ResolvedConfig } from './types.js';

export async function loadConfigCached(file: string, options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  let text: Buffer;
  try {
    text = readInputFileSync({ path: absolute, shown: absolute, what: 'report definition', maxBytes: inputLimits.config });
  } catch {
    // The full loader says what is wrong with a file it cannot read.
    return (await import('./load.js')).loadConfig(file, options);
  }
  // Where this installation's templates are is part of a resolved config too.
  const key = createHash('sha256').update(JSON.stringify([CODE_VERSION, absolute, cwd, bundledTemplatesDir])).update(text).digest('hex');
  const cache = new JsonCache(cacheFolder('configs'));
  const stored = cache.read(key) as ResolvedConfig | null;
  if (stored) return stored;
  // Not validated yet: validate now (a definition with problems throws before it is stored).
  const config = await (await import('./load.js')).loadConfig(file, options);
  cache.write(key, config);
  return config;
}

/**
 * What V8 checks a code cache against, as far as a process can tell before
 * compiling: the Node it runs and the flags it was given. Shared by the
 * command's loader (start.ts) and the build step that makes the cache
 * (scripts/code-cache.mjs), which must agree to the byte.
 */
import { createHash } from 'node:crypto';

/** Where the loader finds the cache of a script, and what it was made under. */
export const codeCacheFiles = (script: string) => ({ cache: `${script}.v8cache`, key: `${script}.key.json` });

export interface CodeCacheKey {
  /** runtimeKey() of the process that made the cache. */
  runtime: string;
  /** SHA-256 of the script compiled: V8 itself checks only its length. */
  script: string;
}

export function runtimeKey(): string {
  return JSON.stringify([process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']);
}

export function scriptDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_VERSION, VERSION } from '../src/version.js';

describe('the code version caches are keyed by', () => {
  it('is the package version and a digest of the code', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(CODE_VERSION).toMatch(new RegExp(`^${VERSION.replaceAll('.', '\\.')}\\+[0-9a-f]{16}$`));
  });

  it('is written by the build as a digest of every compiled file', () => {
    const hash = createHash('sha256');
    for (const name of readdirSync('dist', { recursive: true, encoding: 'utf8' }).sort()) {
      if (name.endsWith('.js')) hash.update(name).update(readFileSync(`dist/${name}`));
    }
    expect(readFileSync('dist/build-id.txt', 'utf8').trim()).toBe(hash.digest('hex').slice(0, 16));
  });
});

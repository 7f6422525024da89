/**
 * The preview's watcher sees every save however the editor writes it: in
 * place, or a temp file renamed over the old one (vim, sed -i), and the save
 * after that one too, which Node 20's recursive fs.watch misses on Linux.
 */
import { mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DebouncedWatcher } from '../../src/preview/watch.js';

let watcher: DebouncedWatcher | undefined;
afterEach(() => watcher?.close());

/** Resolves at the watcher's next call back; fails after 3 s without one. */
function nextChange(calls: Array<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no change seen within 3 s')), 3000);
    calls.push(() => (clearTimeout(timer), resolve()));
  });
}

describe('the preview watcher', () => {
  it('sees a save by rename, the in-place save after it, and a change in a subfolder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-watch-'));
    await mkdir(path.join(dir, 'snapshots'));
    const config = path.join(dir, 'report.yaml');
    await writeFile(config, 'id: a\n');
    const calls: Array<() => void> = [];
    watcher = new DebouncedWatcher(() => calls.shift()?.(), 50);
    watcher.set([dir]);

    let seen = nextChange(calls);
    await writeFile(path.join(dir, '.report.yaml.swp'), 'id: b\n');
    await rename(path.join(dir, '.report.yaml.swp'), config);
    await seen;

    seen = nextChange(calls);
    await writeFile(config, 'id: c\n');
    await seen;

    seen = nextChange(calls);
    await writeFile(path.join(dir, 'snapshots/2025-01.csv'), 'a\n1\n');
    await seen;
  });

  it('ignores changes in the folders it is told to (the build output)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-watch-'));
    await mkdir(path.join(dir, 'out'));
    let changes = 0;
    watcher = new DebouncedWatcher(() => changes++, 50, [path.join(dir, 'out')]);
    watcher.set([dir]);
    await writeFile(path.join(dir, 'out/report.html'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(changes).toBe(0);
  });
});

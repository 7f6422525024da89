/**
 * Watches folders for changes and calls back once a burst of events has
 * settled: editors write a file in several steps (temp file, rename, chmod),
 * and fs.watch reports each.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export class DebouncedWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: () => void,
    private readonly delayMs = 150,
    /** Changes under these folders are ignored (the build's own output). */
    private readonly ignored: string[] = [],
  ) {}

  /** Watches exactly these folders (recursively), dropping the ones no longer needed. */
  set(folders: Iterable<string>): void {
    const wanted = new Set([...folders].map((f) => path.resolve(f)));
    // A folder inside another watched one is already covered.
    const roots = [...wanted].filter((f) => ![...wanted].some((other) => other !== f && f.startsWith(other + path.sep)));
    for (const [folder, watcher] of this.watchers) {
      if (!roots.includes(folder)) {
        watcher.close();
        this.watchers.delete(folder);
      }
    }
    for (const folder of roots) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { recursive: true }, (_event, name) => {
          if (name && this.isIgnored(path.join(folder, String(name)))) return;
          this.schedule();
        });
        watcher.on('error', () => this.schedule());
        this.watchers.set(folder, watcher);
      } catch {
        // A folder that does not exist (yet) cannot be watched; the config's folder always is.
      }
    }
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private isIgnored(file: string): boolean {
    return path.basename(file).startsWith('.') || this.ignored.some((dir) => file === dir || file.startsWith(dir + path.sep));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, this.delayMs);
  }
}

/**
 * Watches folders for changes and calls back once a burst of events has
 * settled: editors write a file in several steps (temp file, rename, chmod),
 * and fs.watch reports each.
 *
 * Each folder and its subfolders get a watcher of their own rather than one
 * recursive watcher: on Linux, Node 20's recursive fs.watch loses a file once
 * an editor has saved it by renaming a temp file over it (vim, sed -i, many
 * IDEs), and the next save went unseen. A folder's own inotify watch sees
 * every entry, however it was written.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Enough for any case folder; a config at the top of a large tree stops being walked here, not hanging the preview. */
const MAX_FOLDERS = 1000;

export class DebouncedWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: () => void,
    private readonly delayMs = 150,
    /** Changes under these folders are ignored (the build's own output). */
    private readonly ignored: string[] = [],
  ) {}

  /** Watches exactly these folders and their subfolders, dropping the ones no longer needed. */
  set(folders: Iterable<string>): void {
    const wanted = this.withSubfolders([...folders].map((f) => path.resolve(f)));
    for (const [folder, watcher] of this.watchers) {
      if (!wanted.has(folder)) {
        watcher.close();
        this.watchers.delete(folder);
      }
    }
    for (const folder of wanted) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
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

  /** The folders and every folder below them, breadth first (a folder made later is found at the next render's set). */
  private withSubfolders(roots: string[]): Set<string> {
    const found = new Set<string>();
    const queue = [...roots];
    while (queue.length > 0 && found.size < MAX_FOLDERS) {
      const folder = queue.shift()!;
      if (found.has(folder) || this.isIgnored(folder)) continue;
      found.add(folder);
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        // Dependencies and hidden folders (.git) are no part of a report.
        if (entry.isDirectory() && entry.name !== 'node_modules') queue.push(path.join(folder, entry.name));
      }
    }
    return found;
  }

  private isIgnored(file: string): boolean {
    return path.basename(file).startsWith('.') || this.ignored.some((dir) => file === dir || file.startsWith(dir + path.sep));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, this.delayMs);
  }
}

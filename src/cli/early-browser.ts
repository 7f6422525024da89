/**
 * The browser a build prints with, spawned by the command's loader
 * (start.ts) before the command line is even compiled, and handed to the
 * command line (main.ts) when it starts: Chrome's start-up is the slowest
 * step of a report and needs nothing from the inputs. The loader and the
 * command line may be two copies of this module (the code-cached script and
 * the plain modules), so the handover goes through a global.
 *
 * Until the command line takes it over (and its signal handling with it), a
 * signal or an exit kills the browser and removes its profile here.
 */
import { rmSync } from 'node:fs';
import { findChrome } from '../pdf/chrome.js';
import { killGroup, spawnChrome, type SpawnedChrome } from '../pdf/chrome-spawn.js';

const HANDOVER = Symbol.for('court-report.early-browser');

interface Handover {
  spawned: SpawnedChrome;
  /** Ends the loader's own guard of the browser; the taker guards it from now on. */
  release(): void;
}

type WithHandover = typeof globalThis & { [HANDOVER]?: Handover };

/** Whether a command line prints PDFs, so wants a browser at once: a build, unless HTML only or help. */
export function wantsBrowser(argv: readonly string[]): boolean {
  const [name, ...args] = argv.filter((a) => a !== '--debug');
  return name === 'build' && !args.some((a) => a === '--html-only' || a === '--help' || a === '-h');
}

/** Spawns the browser for the command line `argv` if it wants one and one is installed; the command line takes it with takeBrowser. */
export function spawnBrowserFor(argv: readonly string[]): void {
  if (!wantsBrowser(argv)) return;
  let spawned: SpawnedChrome;
  try {
    spawned = spawnChrome(findChrome());
  } catch {
    // No browser (or none that starts): the build says so, with how to install one, when it needs it.
    return;
  }
  const end = () => {
    killGroup(spawned.child.pid);
    rmSync(spawned.userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    end();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.once(signal, onSignal);
  process.once('exit', end);
  (globalThis as WithHandover)[HANDOVER] = {
    spawned,
    release: () => {
      for (const signal of signals) process.off(signal, onSignal);
      process.off('exit', end);
    },
  };
}

/** The browser the loader spawned, once (the caller now owns it), or undefined. */
export function takeBrowser(): SpawnedChrome | undefined {
  const holder = globalThis as WithHandover;
  const handover = holder[HANDOVER];
  if (!handover) return undefined;
  delete holder[HANDOVER];
  handover.release();
  return handover.spawned;
}

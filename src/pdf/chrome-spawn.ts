/**
 * Spawns Chrome for DevTools over a pipe, in a process group of its own, with
 * a throwaway profile. Apart from ChromeProcess so that the command's loader
 * (src/cli/start.ts) can start the browser before the command line itself is
 * compiled, with nothing else of court-report loaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { debuglog } from 'node:util';
import { chromeArgs } from './chrome.js';

const debug = debuglog('court-report-pdf');

export interface SpawnedChrome {
  child: ChildProcess;
  userDataDir: string;
}

export function spawnChrome(executablePath: string, options: { screenshots?: boolean } = {}): SpawnedChrome {
  const userDataDir = mkdtempSync(path.join(profileParent(), 'court-report-chrome-'));
  const child = spawn(executablePath, [...chromeArgs(process.getuid?.() === 0, options), '--remote-debugging-pipe', `--user-data-dir=${userDataDir}`, 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  // A detached child must not keep our process alive; its pipes are what we wait on.
  child.unref();
  debug('browser process %d started at %d ms', child.pid, Math.round(performance.now()));
  return { child, userDataDir };
}

/**
 * Where Chrome's throwaway profile goes: shared memory when the machine has it
 * (Chrome writes a few hundred files there at start, and removing them on
 * disk is a noticeable part of a report's exit), else the temp folder.
 */
function profileParent(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return statSync('/dev/shm').isDirectory() ? '/dev/shm' : os.tmpdir();
  } catch {
    return os.tmpdir();
  }
}

/** Kills a browser and every process it started (its group). */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Starts Chrome ourselves, talking DevTools over a pipe, so that the browser
 * boots while the rest of court-report is still loading (puppeteer's own
 * launch would wait for puppeteer to load first). Puppeteer then connects
 * through `PipeTransport`. Chrome runs in its own process group, so it and
 * everything it started can be killed at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { debuglog } from 'node:util';
import { onInterrupt } from '../interrupt.js';
import { chromeArgs } from './chrome.js';

const debug = debuglog('court-report-pdf');

/** The subset of puppeteer's ConnectionTransport that connect() uses. */
interface PipeConnection {
  send(message: string): void;
  close(): void;
  onmessage?: (message: string) => void;
  onclose?: () => void;
}

interface Pipes {
  toChrome: Writable;
  fromChrome: Readable;
  stderr: Readable;
}

export class ChromeProcess {
  readonly transport: PipeConnection;
  /** Resolves when the browser is gone (its process exited, or its pipe closed). */
  readonly exited: Promise<void>;
  private stderr = '';
  private killed = false;

  private constructor(
    readonly pid: number | undefined,
    private readonly userDataDir: string,
    private readonly pipes: Pipes,
    exited: Promise<void>,
  ) {
    pipes.stderr.setEncoding('utf8');
    pipes.stderr.on('data', (chunk: string) => {
      // Kept only to explain a failed start.
      if (this.stderr.length < 4000) this.stderr += chunk;
    });
    this.transport = new PipeTransport(pipes.toChrome, pipes.fromChrome);
    this.exited = exited;
    // A signal ends the process at once: the browser and its profile must not outlive it.
    const forget = onInterrupt(() => this.kill());
    void this.exited.then(() => {
      forget();
      this.removeProfile();
    });
  }

  /** Starts Chrome; it is ready for DevTools when puppeteer's connect() resolves. */
  static start(executablePath: string, options: { screenshots?: boolean } = {}): ChromeProcess {
    const { child, userDataDir } = spawnChrome(executablePath, options);
    const [, , stderr, toChrome, fromChrome] = child.stdio as [unknown, unknown, Readable, Writable, Readable];
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return new ChromeProcess(child.pid, userDataDir, { toChrome, fromChrome, stderr }, exited);
  }

  /** What Chrome printed before it failed, for error messages. */
  get output(): string {
    return this.stderr.trim();
  }

  /**
   * Kills Chrome and every process it started; removes its profile folder.
   * Once only: a second signal could reach another process given the same id.
   */
  kill(): void {
    if (this.killed) return;
    this.killed = true;
    killGroup(this.pid);
    this.transport.close();
    // Open pipes would keep the event loop waiting for a browser that is already dead.
    for (const stream of [this.pipes.toChrome, this.pipes.fromChrome, this.pipes.stderr]) stream.destroy();
    // The process may outlive us by a moment; its profile must not.
    this.removeProfile();
  }

  private removeProfile(): void {
    try {
      rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A dying Chrome may still write into it; the exit handler tries again.
    }
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function spawnChrome(executablePath: string, options: { screenshots?: boolean }): { child: ChildProcess; userDataDir: string } {
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

/** DevTools messages over Chrome's pipe: JSON text, each ended by a NUL byte. */
class PipeTransport implements PipeConnection {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly toChrome: Writable,
    fromChrome: Readable,
  ) {
    fromChrome.on('data', (chunk: Buffer) => this.receive(chunk));
    fromChrome.on('close', () => this.onclose?.());
    // A broken pipe means Chrome is gone; 'close' reports it.
    fromChrome.on('error', () => undefined);
    toChrome.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.closed) return;
    this.toChrome.write(message);
    this.toChrome.write('\0');
  }

  close(): void {
    this.closed = true;
  }

  private receive(chunk: Buffer): void {
    let end = chunk.indexOf(0);
    if (end === -1) {
      this.pending.push(chunk);
      return;
    }
    let start = 0;
    let buffer = chunk;
    if (this.pending.length > 0) {
      buffer = Buffer.concat([...this.pending, chunk]);
      end = buffer.indexOf(0);
      this.pending = [];
    }
    while (end !== -1) {
      const message = buffer.toString('utf8', start, end);
      // Delivered asynchronously, as puppeteer expects of a transport.
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
      end = buffer.indexOf(0, start);
    }
    if (start < buffer.length) this.pending.push(buffer.subarray(start));
  }
}

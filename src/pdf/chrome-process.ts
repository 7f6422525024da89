/**
 * Starts Chrome ourselves, talking DevTools over a pipe, so that the browser
 * boots while the rest of court-report is still loading (puppeteer's own
 * launch would wait for puppeteer to load first). Puppeteer then connects
 * through `PipeTransport`. Chrome runs in its own process group, so it and
 * everything it started can be killed at once.
 */
import { rmSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { onInterrupt } from '../interrupt.js';
import { killGroup, spawnChrome, type SpawnedChrome } from './chrome-spawn.js';

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
    // A signal ends the process at once: the browser and its profile must not outlive it. Nor may they
    // outlive an exit that skips the printer's close (an uncaught error, such as EPIPE on a closed stderr).
    const forget = onInterrupt(() => this.kill());
    const onExit = () => this.kill();
    process.once('exit', onExit);
    void this.exited.then(() => {
      forget();
      process.off('exit', onExit);
      this.removeProfile();
    });
  }

  /** Starts Chrome; it is ready for DevTools when puppeteer's connect() resolves. */
  static start(executablePath: string, options: { screenshots?: boolean } = {}): ChromeProcess {
    return ChromeProcess.adopt(spawnChrome(executablePath, options));
  }

  /** Takes over a browser spawned by spawnChrome (the command's loader starts one before the command line loads). */
  static adopt({ child, userDataDir }: SpawnedChrome): ChromeProcess {
    const [, , stderr, toChrome, fromChrome] = child.stdio as [unknown, unknown, Readable, Writable, Readable];
    // Adopted after it has already died (a browser that fails at once): its exit event is past.
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
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

/**
 * Owns one headless browser and prints HTML documents to PDF with it.
 * The printed page runs no JavaScript and fetches nothing: the document is
 * served from memory and every other request is blocked and reported.
 * A browser that crashes or hangs is killed and relaunched, once per print.
 */
import type { Browser, HTTPRequest, Page, PaperFormat } from 'puppeteer-core';
import { UserError } from '../errors.js';
import { chromeArgs, findChrome } from './chrome.js';

export interface PrintOptions {
  paper: PaperFormat;
  /** What is printed, for messages ("florida-v-mayorkas 2024-05"). */
  name: string;
}

export interface PrinterOptions {
  executablePath?: string;
  /** Bound on every wait (launch, load, print), in milliseconds. Default 60 s. */
  timeoutMs?: number;
}

/** The origin the document is served from; nothing is ever fetched from it. */
const DOCUMENT_URL = 'https://court-report.invalid/report.html';

export class Printer {
  private browser: Browser | null = null;
  private launching: Promise<Browser> | null = null;
  private closed = false;
  /** Rejects when the printer is closed, so prints in progress end at once instead of waiting out a timeout. */
  private readonly closing = rejectable();
  /** Browsers launched so far; more than one means a relaunch after a crash or hang. */
  launches = 0;

  private constructor(
    private readonly executablePath: string,
    readonly timeoutMs: number,
  ) {}

  static async launch(options: PrinterOptions = {}): Promise<Printer> {
    const printer = new Printer(options.executablePath ?? findChrome(), options.timeoutMs ?? 60_000);
    await printer.ready();
    return printer;
  }

  /** The browser's process id, while one runs. */
  get pid(): number | undefined {
    return this.browser?.process()?.pid;
  }

  /** Prints one self-contained HTML document; fails naming any URL the document tried to fetch. */
  async print(html: string, options: PrintOptions): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt++) {
      const browser = await this.ready();
      try {
        const printing = this.printOnce(browser, html, options);
        printing.catch(() => undefined);
        return await withTimeout(Promise.race([printing, this.closing.promise]), this.timeoutMs, `printing ${options.name}`);
      } catch (error) {
        if (error instanceof UserError) throw error;
        this.discard(browser);
        if (this.closed) throw new UserError({ message: `printing ${options.name} was interrupted` }, { cause: error });
        if (attempt >= 2) {
          throw new UserError(
            { message: `printing ${options.name} failed twice: ${(error as Error).message}`, hint: 'see --debug; raise --timeout if the machine is busy' },
            { cause: error },
          );
        }
      }
    }
  }

  /** Closes the browser and every process it started; later prints fail. Safe to call more than once. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.closing.reject(new Error('the printer was closed'));
      this.closed_ = this.shutDown();
    }
    return this.closed_;
  }

  private closed_: Promise<void> = Promise.resolve();

  private async shutDown(): Promise<void> {
    const browser = this.browser ?? (await this.launching?.catch(() => null)) ?? null;
    this.browser = null;
    if (!browser) return;
    await withTimeout(browser.close(), 5_000, 'closing the browser').catch(() => undefined);
    // Whatever the graceful close left (zygotes, a hung renderer) goes with the process group.
    killProcessGroup(browser);
  }

  private async ready(): Promise<Browser> {
    if (this.closed) throw new UserError({ message: 'the browser was closed' });
    if (this.browser?.connected) return this.browser;
    this.launching ??= this.start().finally(() => (this.launching = null));
    return this.launching;
  }

  private async start(): Promise<Browser> {
    const { launch } = await import('puppeteer-core');
    const browser = await launch({
      executablePath: this.executablePath,
      headless: true,
      args: chromeArgs(process.getuid?.() === 0),
      timeout: this.timeoutMs,
      protocolTimeout: this.timeoutMs,
      // Closing is ours to do, in `close()`; puppeteer's own signal handlers would race it.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    }).catch((error: unknown) => {
      throw new UserError(
        { message: `cannot start ${this.executablePath}: ${(error as Error).message.split('\n')[0]}`, hint: 'check the browser runs: ' + `${this.executablePath} --headless --no-sandbox --version` },
        { cause: error },
      );
    });
    this.launches++;
    if (this.closed) {
      killProcessGroup(browser);
      throw new UserError({ message: 'the browser was closed' });
    }
    this.browser = browser;
    return browser;
  }

  private async printOnce(browser: Browser, html: string, options: PrintOptions): Promise<Uint8Array> {
    const page = await browser.newPage();
    const blocked: string[] = [];
    try {
      page.setDefaultTimeout(this.timeoutMs);
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => answer(request, html, blocked));
      // Chrome refuses file: URLs from a web page before any request is made; it only says so on the console.
      page.on('console', (message) => {
        const local = /Not allowed to load local resource: (\S+)/.exec(message.text());
        if (local) blocked.push(local[1]!);
      });
      await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: this.timeoutMs });
      if (blocked.length > 0) {
        throw new UserError({
          message: `the document tried to fetch ${blocked.length === 1 ? 'a resource' : `${blocked.length} resources`}; reports may not load anything`,
          value: blocked.slice(0, 5).join(', '),
          expected: 'images, fonts and styles inlined in the template (data: URLs)',
          hint: 'remove the reference from the template, or inline the asset',
        });
      }
      return await page.pdf({
        format: options.paper,
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: false,
        tagged: true,
        outline: true,
        waitForFonts: true,
        timeout: this.timeoutMs,
      });
    } finally {
      await closeQuietly(page);
    }
  }

  /** Drops a browser that crashed or hung; the next print launches a new one. */
  private discard(browser: Browser): void {
    if (this.browser === browser) this.browser = null;
    killProcessGroup(browser);
  }
}

function answer(request: HTTPRequest, html: string, blocked: string[]): void {
  const url = request.url();
  if (url === DOCUMENT_URL) {
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html }).catch(() => undefined);
  } else if (url.startsWith('data:')) {
    void request.continue().catch(() => undefined);
  } else {
    blocked.push(url);
    void request.abort('blockedbyclient').catch(() => undefined);
  }
}

async function closeQuietly(page: Page): Promise<void> {
  await withTimeout(page.close(), 5_000, 'closing a page').catch(() => {
    // The browser may be gone or hung; the Printer discards it.
  });
}

/** Chrome runs in its own process group (puppeteer starts it detached): kill the whole group. */
function killProcessGroup(browser: Browser): void {
  const pid = browser.process()?.pid;
  if (pid === undefined) return;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** A promise to reject later (Promise.withResolvers is Node 22+); never an unhandled rejection on its own. */
function rejectable(): { promise: Promise<never>; reject: (error: Error) => void } {
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<never>((_, r) => (reject = r));
  promise.catch(() => undefined);
  return { promise, reject };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

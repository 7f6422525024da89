/**
 * Owns one headless browser and prints HTML documents to PDF with it.
 * The printed page runs no JavaScript and fetches nothing: the document is
 * set as the page's content and every request it makes is blocked and
 * reported. Pages are kept open and reused, as many as print at once.
 * A browser that crashes or hangs is killed and relaunched, once per print.
 */
import { availableParallelism } from 'node:os';
import { debuglog } from 'node:util';
import type { Browser, PaperFormat } from 'puppeteer-core';
import { UserError } from '../errors.js';
import type { BrowserIdentity } from '../output/manifest.js';
import { findChrome } from './chrome.js';
import { ChromeProcess } from './chrome-process.js';
import { printLoadedPage } from './print-request.js';
import { parseUnicodeRange, touchesRange } from './unicode-range.js';
import { Session, type PrintPage } from './session.js';
import { rejectable, withTimeout } from './waits.js';

export interface PrintOptions {
  paper: PaperFormat;
  /** What is printed, for messages ("florida-v-mayorkas 2024-05"). */
  name: string;
  /** Files the document may load by URL (its fonts); every other request is blocked. Kept for later prints. */
  assets?: ServedAsset[];
}

/** What drawPng draws: a document (an SVG chart) to PNG, width × height CSS pixels at 3 pixels each (the DOCX's pictures). */
export interface DrawOptions {
  width: number;
  height: number;
  /** What is drawn, for messages. */
  name: string;
  assets?: ServedAsset[];
}

/** A file the printer answers from memory. */
export interface ServedAsset {
  url: string;
  contentType: string;
  body: Uint8Array;
  /** A font face's CSS unicode-range: sent inline only to a document with a character in it. */
  unicodeRange?: string;
}

export interface PrinterOptions {
  executablePath?: string;
  /** Bound on every wait (launch, load, print), in milliseconds. Default 60 s. */
  timeoutMs?: number;
  /** Pages printing at once. Default: the number of cores, at most 4. */
  pages?: number;
  /** A browser already started (the command line starts one before anything else loads) to use as the first one. */
  started?: ChromeProcess;
  /** A browser that can also draw PNGs (drawPng): Chrome with its compositor thread, a little slower to print. Not with `started`. */
  screenshots?: boolean;
}

/** What the pipeline needs of a printer. */
export interface PdfPrinter {
  print(html: string, options: PrintOptions): Promise<Uint8Array>;
  /** The browser printing, for a final report's manifest. */
  identity(): Promise<BrowserIdentity>;
  close(): Promise<void>;
}

const dataUrls = new WeakMap<ServedAsset, string>();
/** By the unicode-range's text: the four faces of a subset share one. */
const rangesOf = new Map<string, Array<[number, number]>>();

/** Whether the document may load the asset: it names it, and (a font face) has a character the face draws. */
function mayLoad(html: string, asset: ServedAsset): boolean {
  if (!html.includes(asset.url)) return false;
  if (asset.unicodeRange === undefined) return true;
  let spans = rangesOf.get(asset.unicodeRange);
  if (spans === undefined) rangesOf.set(asset.unicodeRange, (spans = parseUnicodeRange(asset.unicodeRange)));
  return touchesRange(html, spans);
}

/** The asset as a data: URL, encoded once. */
function dataUrl(asset: ServedAsset): string {
  let url = dataUrls.get(asset);
  if (url === undefined) dataUrls.set(asset, (url = `data:${asset.contentType};base64,${Buffer.from(asset.body).toString('base64')}`));
  return url;
}

/** NODE_DEBUG=court-report-pdf shows browser launches and prints with their times. */
const debug = debuglog('court-report-pdf');

export class Printer implements PdfPrinter {
  private session: Session | null = null;
  /** Files the printed pages may load, by URL. */
  private readonly assets = new Map<string, ServedAsset>();
  private launching: Promise<Session> | null = null;
  private closed = false;
  /**
   * Prints in progress, rejected when the printer is closed so they end at once
   * instead of waiting out a timeout. One promise per print: a print raced
   * against a single long-lived promise would stay reachable from it, PDF and
   * all, for as long as the printer lives.
   */
  private readonly inProgress = new Set<(error: Error) => void>();
  private shutdown: Promise<void> = Promise.resolve();
  /** Browsers launched so far; more than one means a relaunch after a crash or hang. */
  launches = 0;

  private constructor(
    private readonly executablePath: string,
    readonly timeoutMs: number,
    private readonly pages: number,
    /** Used for the first launch only. */
    private started: ChromeProcess | undefined,
    private readonly screenshots = false,
  ) {}

  /** Starts the browser at once; resolves when it is ready to print. */
  static async launch(options: PrinterOptions = {}): Promise<Printer> {
    const pages = options.pages ?? Math.min(4, availableParallelism());
    const printer = new Printer(options.executablePath ?? findChrome(), options.timeoutMs ?? 60_000, pages, options.started, options.screenshots);
    await printer.ready();
    return printer;
  }

  async identity(): Promise<BrowserIdentity> {
    const session = await this.ready();
    return { executable: this.executablePath, version: await session.browser.version() };
  }

  /** The browser's process id, while one runs. */
  get pid(): number | undefined {
    return this.session?.chrome.pid;
  }

  /** Prints one self-contained HTML document; fails naming any URL the document tried to fetch. */
  async print(html: string, options: PrintOptions): Promise<Uint8Array> {
    for (const asset of options.assets ?? []) this.assets.set(asset.url, asset);
    for (let attempt = 1; ; attempt++) {
      const session = await this.ready();
      try {
        const printing = this.printOn(session, html, options);
        printing.catch(() => undefined);
        const interrupted = rejectable();
        this.inProgress.add(interrupted.reject);
        try {
          return await withTimeout(Promise.race([printing, interrupted.promise]), this.timeoutMs, `printing ${options.name}`);
        } finally {
          this.inProgress.delete(interrupted.reject);
        }
      } catch (error) {
        if (error instanceof UserError) throw error;
        this.discard(session);
        if (this.closed) throw new UserError({ message: `printing ${options.name} was interrupted` }, { cause: error });
        if (attempt >= 2) {
          throw new UserError(
            { message: `printing ${options.name} failed twice: ${(error as Error).message}`, hint: 'see --debug; raise --timeout if the machine is busy' },
            { cause: error },
          );
        }
        debug('%s: %s; relaunching the browser', options.name, (error as Error).message);
      }
    }
  }

  async drawPng(html: string, options: DrawOptions): Promise<Uint8Array> {
    if (!this.screenshots) throw new Error('drawPng needs a printer launched with screenshots: true');
    for (const asset of options.assets ?? []) this.assets.set(asset.url, asset);
    const session = await this.ready();
    const slot = await session.acquire();
    try {
      const drawing = (async () => {
        const loaded = new Promise<void>((resolve) => slot.cdp.once('Page.loadEventFired', () => resolve()));
        await slot.cdp.send('Page.setDocumentContent', { frameId: slot.frameId, html });
        await loaded;
        // Straight to DevTools: puppeteer's screenshot waits on page script, which these pages never run.
        const { data } = await slot.cdp.send('Page.captureScreenshot', {
          format: 'png',
          clip: { x: 0, y: 0, width: options.width, height: options.height, scale: 3 },
          captureBeyondViewport: true,
        });
        return new Uint8Array(Buffer.from(data, 'base64'));
      })();
      return await withTimeout(drawing, this.timeoutMs, `drawing ${options.name}`);
    } finally {
      session.release(slot);
    }
  }

  /** Closes the browser and every process it started; later prints fail. Safe to call more than once. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const interrupt of this.inProgress) interrupt(new Error('the printer was closed'));
      this.shutdown = this.shutDown();
    }
    return this.shutdown;
  }

  private async shutDown(): Promise<void> {
    const session = this.session ?? (await this.launching?.catch(() => null)) ?? null;
    // Nothing in a print-only profile needs a graceful shutdown: kill the process group at once.
    if (session) this.discard(session);
  }

  private async ready(): Promise<Session> {
    if (this.closed) throw new UserError({ message: 'the browser was closed' });
    if (this.session?.browser.connected) return this.session;
    this.launching ??= this.start().finally(() => (this.launching = null));
    return this.launching;
  }

  private async start(): Promise<Session> {
    const started = performance.now();
    // Chrome boots while puppeteer loads (or has been booting since the command started).
    const chrome = this.started ?? ChromeProcess.start(this.executablePath, { screenshots: this.screenshots });
    this.started = undefined;
    try {
      const { connect } = await import('puppeteer-core/internal/puppeteer-core-browser.js');
      debug('puppeteer-core loaded at %d ms', Math.round(performance.now()));
      const died = chrome.exited.then(() => {
        throw new Error(`the browser exited during start-up${chrome.output ? `: ${chrome.output.split('\n')[0]}` : ''}`);
      });
      // Puppeteer's browser build: the same classes without its launchers and downloaders, a third of the code to load.
      const connecting = connect({ transport: chrome.transport, protocolTimeout: this.timeoutMs, defaultViewport: null }) as unknown as Promise<Browser>;
      const browser = await withTimeout(Promise.race([connecting, died]), this.timeoutMs, 'starting the browser');
      const session = new Session(browser, chrome, this.pages, this.timeoutMs, this.assets);
      this.launches++;
      debug('browser %d ready at %d ms (%d ms after its launch)', this.launches, Math.round(performance.now()), Math.round(performance.now() - started));
      if (this.closed) {
        this.discard(session);
        throw new UserError({ message: 'the browser was closed' });
      }
      session.adoptInitialPage();
      this.session = session;
      return session;
    } catch (error) {
      chrome.kill();
      if (error instanceof UserError) throw error;
      throw new UserError(
        { message: `cannot start ${this.executablePath}: ${(error as Error).message.split('\n')[0]}`, hint: `check that the browser runs: ${this.executablePath} --headless --no-sandbox --version` },
        { cause: error },
      );
    }
  }

  private async printOn(session: Session, html: string, options: PrintOptions): Promise<Uint8Array> {
    const started = performance.now();
    const step = (what: string) => debug('%s: %s at %d ms (%d ms into the print)', options.name, what, Math.round(performance.now()), Math.round(performance.now() - started));
    const slot = await session.acquire();
    step('page ready');
    slot.blocked.length = 0;
    // The frame's document is set directly: nothing is fetched for it, and no script runs to write it.
    const loaded = new Promise<void>((resolve) => slot.cdp.once('Page.loadEventFired', () => resolve()));
    await slot.cdp.send('Page.setDocumentContent', { frameId: slot.frameId, html: this.withUncachedAssetsInline(html, slot) });
    await loaded;
    step('document loaded');
    if (slot.blocked.length > 0) {
      const blocked = [...slot.blocked];
      session.release(slot);
      throw new UserError({
        message: `the document tried to fetch ${blocked.length === 1 ? 'a resource' : `${blocked.length} resources`}; reports may not load anything`,
        value: blocked.slice(0, 5).join(', '),
        expected: 'images, fonts and styles inlined in the template (data: URLs)',
        hint: 'remove the reference from the template, or inline the asset',
      });
    }
    const pdf = await printLoadedPage(slot.cdp, options.paper);
    step('printed');
    session.release(slot);
    return pdf;
  }

  /**
   * The document as the page should get it: an asset this page has not loaded
   * yet goes in as a data: URL, so that Chrome has it without asking us (a
   * request Node answers only when its thread is free: the personal-data
   * check runs during the first print). Later documents on the page load it by
   * URL, once, and then from Chrome's memory cache. A font face for characters
   * the document does not have (unicodeRange) is not sent: Chrome would not
   * load it. The PDF is the same bytes either way (test/pdf/printer-fonts.test.ts).
   */
  private withUncachedAssetsInline(html: string, slot: PrintPage): string {
    // A face whose characters the document lacks stays by URL: Chrome does not load it (the example's
    // accented-letter faces are four fifths of the fonts' bytes), and if it does after all, it asks for it.
    const inline = [...this.assets.values()].filter((asset) => !slot.loaded.has(asset.url) && mayLoad(html, asset));
    if (inline.length === 0) return html;
    // Each asset loads by URL from the next document on: mark them now, whatever this one uses.
    for (const asset of inline) slot.loaded.add(asset.url);
    const urls = new RegExp(inline.map((asset) => asset.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
    return html.replace(urls, (url) => dataUrl(this.assets.get(url)!));
  }

  /** Drops a browser that crashed or hung, with its pages; the next print launches a new one. */
  private discard(session: Session): void {
    if (this.session === session) this.session = null;
    session.chrome.kill();
  }
}

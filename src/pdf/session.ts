/**
 * One running browser and the pages it keeps open for printing, reused from
 * one document to the next: opening a page (and its renderer) costs about as
 * much as printing a short report. What a page's history would otherwise
 * leave in a PDF (DOM node ids in the tagged structure) is renumbered when
 * the PDF is stamped (metadata.ts).
 */
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import type { ChromeProcess } from './chrome-process.js';
import type { ServedAsset } from './printer.js';

/** A page kept open between prints: JavaScript off, every request but data: URLs and served assets blocked and recorded. */
export interface PrintPage {
  page: Page;
  /** A DevTools session of the page's own, to set its document and hear its load event. */
  cdp: CDPSession;
  frameId: string;
  /** URLs the current document tried to load. */
  blocked: string[];
  /** Assets (fonts) this page has loaded by URL, and so keeps in Chrome's memory cache. */
  loaded: Set<string>;
}

export class Session {
  private readonly idle: PrintPage[] = [];
  private readonly waiting: Array<(page: PrintPage) => void> = [];
  /** Pages opened (or opening) so far. */
  private opened = 0;
  /** Pages still opening; each will go to a waiting print or to `idle`. */
  private opening = 0;

  constructor(
    readonly browser: Browser,
    readonly chrome: ChromeProcess,
    /** Pages open at most, so prints at once. */
    private readonly size: number,
    private readonly timeoutMs: number,
    /** Files pages may load by URL (fonts); everything else is blocked. */
    private readonly assets: ReadonlyMap<string, ServedAsset>,
  ) {}

  /** An idle page; else one that is opening; else a new one while fewer than `size` are open; else the next one released. */
  acquire(): Promise<PrintPage> {
    const page = this.idle.pop();
    if (page) return Promise.resolve(page);
    if (this.waiting.length >= this.opening && this.opened < this.size) this.openAhead();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(page: PrintPage): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }

  /**
   * Takes the tab Chrome opened at start (about:blank, like a new page) as the
   * first page: its renderer is already running, so the first print does not
   * wait for one to start.
   */
  adoptInitialPage(): void {
    this.openAhead(this.browser.pages().then(([initial]) => (initial ? this.prepare(initial) : this.open())));
  }

  /** Opens a page for the next print that needs one. */
  private openAhead(page: Promise<PrintPage> = this.open()): void {
    this.opened++;
    this.opening++;
    page.then(
      (opened) => {
        this.opening--;
        this.release(opened);
      },
      () => {
        // The browser is failing; the print that waits times out and relaunches it.
        this.opening--;
        this.opened--;
      },
    );
  }

  private async open(): Promise<PrintPage> {
    return this.prepare(await this.browser.newPage());
  }

  private async prepare(page: Page): Promise<PrintPage> {
    page.setDefaultTimeout(this.timeoutMs);
    const blocked: string[] = [];
    page.on('request', (request) => {
      const asset = this.assets.get(request.url());
      if (asset) {
        // Fonts load under CORS, and the document's origin is not the asset's.
        const headers = { 'Access-Control-Allow-Origin': '*' };
        void request.respond({ status: 200, contentType: asset.contentType, headers, body: Buffer.from(asset.body) }).catch(() => undefined);
      } else if (request.url().startsWith('data:')) {
        void request.continue().catch(() => undefined);
      } else {
        blocked.push(request.url());
        void request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    // Chrome refuses file: URLs from a web page before any request is made; it only says so on the console.
    page.on('console', (message) => {
      const local = /Not allowed to load local resource: (\S+)/.exec(message.text());
      if (local) blocked.push(local[1]!);
    });
    // Independent commands, sent together: each is a round trip to a browser that may still be starting.
    const [cdp] = await Promise.all([page.createCDPSession(), page.setJavaScriptEnabled(false), page.setRequestInterception(true)]);
    const [{ frameTree }] = await Promise.all([cdp.send('Page.getFrameTree'), cdp.send('Page.enable')]);
    return { page, cdp, frameId: frameTree.frame.id, blocked, loaded: new Set() };
  }
}

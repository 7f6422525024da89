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
import { withTimeout } from './waits.js';

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

/** What a report is made of (a page rule, headings, lists, a ruled table, an SVG chart) in a few elements; nothing it loads. */
const WARM_UP_DOCUMENT =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><style>@page{size:letter;margin:1in}body{font-family:serif;font-size:12pt}' +
  'table{border-collapse:collapse}td,th{border:1px solid #000;padding:2px}</style></head><body><h1>court-report</h1>' +
  '<p>Text <b>bold</b> <i>italic</i> <sup>1</sup></p><ol><li>one</li></ol><table><thead><tr><th>A</th><th>B</th></tr></thead>' +
  '<tbody><tr><td>1</td><td>2,573</td></tr></tbody></table><svg width="100" height="50" viewBox="0 0 100 50"><rect x="1" y="1" width="20" height="20" fill="#333"/>' +
  '<polyline points="0,0 10,10" stroke="#000" fill="none"/><text x="5" y="40" font-size="8">1</text></svg></body></html>';

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
    this.openAhead(this.browser.pages().then(([initial]) => (initial ? this.prepare(initial) : this.open())).then((page) => this.warmUp(page)));
  }

  /**
   * Loads a small document on the page before the first report: a renderer's
   * first document pays for what every later one reuses (its style sheets,
   * fonts, table and SVG layout set up), 40-50 ms of the example's load, and
   * the page is ready long before Node has the report to print. Bounded, and
   * never a failure: the print that follows loads its own document either way.
   */
  private async warmUp(page: PrintPage): Promise<PrintPage> {
    try {
      const loaded = new Promise<void>((resolve) => page.cdp.once('Page.loadEventFired', () => resolve()));
      await withTimeout(
        page.cdp.send('Page.setDocumentContent', { frameId: page.frameId, html: WARM_UP_DOCUMENT }).then(() => loaded),
        this.timeoutMs,
        'warming the page up',
      );
    } catch {
      // A page that cannot load a document fails the print, which relaunches the browser.
    }
    return page;
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

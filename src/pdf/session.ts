/**
 * One running browser and the pages it keeps open for printing, reused from
 * one document to the next: opening a page (and its renderer) costs about as
 * much as printing a short report. What a page's history would otherwise
 * leave in a PDF (DOM node ids in the tagged structure) is renumbered when
 * the PDF is stamped (metadata.ts).
 */
import type { Browser, CDPSession } from 'puppeteer-core';
import type { ChromeProcess } from './chrome-process.js';
import type { ServedAsset } from './printer.js';
import { debuglog } from 'node:util';
import { withTimeout } from './waits.js';

/** NODE_DEBUG=court-report-pdf: when the pages are ready, beside the printer's own lines. */
const debug = debuglog('court-report-pdf');

/** A page kept open between prints: JavaScript off, every request but data: URLs and served assets blocked and recorded. */
export interface PrintPage {
  /** A DevTools session of the page's own: its document is set, its requests answered and its load event heard through it. */
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
    const initial = this.browser.targets().find((target) => target.type() === 'page');
    const page = initial ? initial.createCDPSession().then((cdp) => this.prepare(cdp)) : this.open();
    this.openAhead(page.then((opened) => this.warmUp(opened)));
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
      debug('first page warmed up at %d ms', Math.round(performance.now()));
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
    const page = await this.browser.newPage();
    return this.prepare(await page.createCDPSession());
  }

  /**
   * Makes a DevTools session of a page's into a print page: JavaScript off,
   * every request answered here (an asset), let through (a data: URL) or
   * blocked and recorded. Straight over DevTools rather than through
   * puppeteer's Page, whose set-up is a chain of round trips (frames, worlds,
   * lifecycle events) that each wait until Node's thread is free: here it is
   * one set of commands sent together.
   */
  private async prepare(cdp: CDPSession): Promise<PrintPage> {
    const blocked: string[] = [];
    cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
      const asset = this.assets.get(request.url);
      if (asset) {
        const body = Buffer.from(asset.body);
        const responseHeaders = [
          // Fonts load under CORS, and the document's origin is not the asset's.
          { name: 'Access-Control-Allow-Origin', value: '*' },
          { name: 'Content-Type', value: asset.contentType },
          { name: 'Content-Length', value: String(body.byteLength) },
        ];
        void cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 200, responsePhrase: 'OK', responseHeaders, body: body.toString('base64') }).catch(() => undefined);
      } else if (request.url.startsWith('data:')) {
        void cdp.send('Fetch.continueRequest', { requestId }).catch(() => undefined);
      } else {
        blocked.push(request.url);
        void cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
      }
    });
    // Chrome refuses file: URLs from a web page before any request is made; it only says so in its log.
    cdp.on('Log.entryAdded', ({ entry }) => {
      const local = /Not allowed to load local resource: (\S+)/.exec(entry.text);
      if (local) blocked.push(local[1]!);
    });
    const [{ frameTree }] = await Promise.all([
      cdp.send('Page.getFrameTree'),
      cdp.send('Page.enable'),
      cdp.send('Emulation.setScriptExecutionDisabled', { value: true }),
      cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }),
      cdp.send('Log.enable'),
    ]);
    debug('page prepared at %d ms', Math.round(performance.now()));
    return { cdp, frameId: frameTree.frame.id, blocked, loaded: new Set() };
  }
}

/**
 * One running browser and the pages it keeps ready for printing. A page
 * prints one document and is closed: DOM node ids (which name the PDF's
 * bookmark destinations) count up within a page, so a reused page would give
 * a report different bytes depending on what was printed before it. Opening a
 * page costs about as much as printing a short report, so the next one is
 * opened ahead, while the current one prints.
 */
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import type { ChromeProcess } from './chrome-process.js';

/** A page kept open between prints: JavaScript off, every request but data: URLs blocked and recorded. */
export interface PrintPage {
  page: Page;
  /** A DevTools session of the page's own, to set its document and hear its load event. */
  cdp: CDPSession;
  frameId: string;
  /** URLs the current document tried to load. */
  blocked: string[];
}

export class Session {
  /** Pages opened ahead of need. */
  private readonly ready: Array<Promise<PrintPage>> = [];
  /** Pages printing now. */
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly browser: Browser,
    readonly chrome: ChromeProcess,
    /** Pages open at most, so prints at once. */
    private readonly size: number,
    private readonly timeoutMs: number,
  ) {}

  /** A page ready to print, once fewer than `size` are printing. */
  async acquire(): Promise<PrintPage> {
    while (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy++;
    const page = this.ready.shift() ?? this.open();
    // Open the next one while this one prints.
    this.warmUp();
    try {
      return await page;
    } catch (error) {
      this.busy--;
      throw error;
    }
  }

  /** Closes a page that has printed, and lets the next print start. */
  release(page: PrintPage): void {
    void page.page.close().catch(() => undefined);
    this.busy--;
    this.waiting.shift()?.();
  }

  /** Opens a page ahead of need, while the caller is still rendering or another page prints. */
  warmUp(): void {
    if (this.ready.length > 0) return;
    const page = this.open();
    page.catch(() => undefined);
    this.ready.push(page);
  }

  /**
   * Takes the tab Chrome opened at start (about:blank, like a new page) as the
   * first page: its renderer is already running, so the first print does not
   * wait for one to start.
   */
  adoptInitialPage(): void {
    const page = this.browser.pages().then(([initial]) => (initial ? this.prepare(initial) : this.open()));
    page.catch(() => undefined);
    this.ready.push(page);
  }

  private async open(): Promise<PrintPage> {
    return this.prepare(await this.browser.newPage());
  }

  private async prepare(page: Page): Promise<PrintPage> {
    page.setDefaultTimeout(this.timeoutMs);
    const cdp = await page.createCDPSession();
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const slot: PrintPage = { page, cdp, frameId: frameTree.frame.id, blocked: [] };
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('data:')) {
        void request.continue().catch(() => undefined);
      } else {
        slot.blocked.push(request.url());
        void request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    // Chrome refuses file: URLs from a web page before any request is made; it only says so on the console.
    page.on('console', (message) => {
      const local = /Not allowed to load local resource: (\S+)/.exec(message.text());
      if (local) slot.blocked.push(local[1]!);
    });
    await slot.cdp.send('Page.enable');
    return slot;
  }
}

/**
 * Owns one headless browser and prints HTML documents to PDF with it.
 * The printed page runs no JavaScript and fetches nothing: the document is
 * served from memory and every other request is blocked and reported.
 */
import type { Browser, HTTPRequest, Page, PaperFormat } from 'puppeteer-core';
import { UserError } from '../errors.js';
import { chromeArgs, findChrome } from './chrome.js';

export interface PrintOptions {
  paper: PaperFormat;
  /** Document title for logs and messages. */
  name: string;
}

export interface PrinterOptions {
  executablePath?: string;
  /** Bound on every wait (launch, load, print), in milliseconds. */
  timeoutMs?: number;
}

/** The origin the document is served from; nothing is ever fetched from it. */
const DOCUMENT_URL = 'https://court-report.invalid/report.html';

export class Printer {
  private constructor(
    private readonly browser: Browser,
    private readonly timeoutMs: number,
  ) {}

  static async launch(options: PrinterOptions = {}): Promise<Printer> {
    const executablePath = options.executablePath ?? findChrome();
    const timeoutMs = options.timeoutMs ?? 60_000;
    const { launch } = await import('puppeteer-core');
    const browser = await launch({
      executablePath,
      headless: true,
      args: chromeArgs(process.getuid?.() === 0),
      timeout: timeoutMs,
      protocolTimeout: timeoutMs,
      // Closing is ours to do, in `close()`; puppeteer's own signal handlers would race it.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    return new Printer(browser, timeoutMs);
  }

  /** Prints one self-contained HTML document; fails naming any URL the document tried to fetch. */
  async print(html: string, options: PrintOptions): Promise<Uint8Array> {
    const page = await this.browser.newPage();
    const blocked: string[] = [];
    try {
      page.setDefaultTimeout(this.timeoutMs);
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => answer(request, html, blocked));
      await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: this.timeoutMs });
      if (blocked.length > 0) {
        throw new UserError({
          message: `the document tried to fetch ${blocked.length === 1 ? 'a resource' : `${blocked.length} resources`}; reports may not load anything`,
          value: blocked.slice(0, 5).join(', '),
          expected: 'images, fonts and styles inlined in the template (data: URLs)',
          hint: 'remove the reference from the template, or inline the asset',
        });
      }
      const pdf = await page.pdf({
        format: options.paper,
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: false,
        tagged: true,
        outline: true,
        waitForFonts: true,
        timeout: this.timeoutMs,
      });
      return pdf;
    } finally {
      await closeQuietly(page);
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => this.browser.process()?.kill('SIGKILL'));
  }
}

function answer(request: HTTPRequest, html: string, blocked: string[]): void {
  const url = request.url();
  if (url === DOCUMENT_URL) {
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  } else if (url.startsWith('data:')) {
    void request.continue();
  } else {
    blocked.push(url);
    void request.abort('blockedbyclient');
  }
}

async function closeQuietly(page: Page): Promise<void> {
  try {
    await page.close();
  } catch {
    // The browser may already be gone; closing it is the Printer owner's job.
  }
}

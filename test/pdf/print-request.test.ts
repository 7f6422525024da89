import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { findChrome } from '../../src/pdf/chrome.js';
import { printLoadedPage, printParameters } from '../../src/pdf/print-request.js';
import { bundledFonts, inlineAssets } from '../../src/render/fonts.js';

/** Chrome dates each PDF to the second it printed: masked, so two prints of one document compare. */
const undated = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1').replace(/\(D:\d{14}[^)]*\)/g, '(D:)');

describe('the print request', () => {
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  beforeAll(async () => {
    browser = await launch({ executablePath: findChrome(), headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    cdp = await page.createCDPSession();
    const fonts = await bundledFonts();
    // A bundled face, so the wait for fonts has something to wait for, and text in every style the report uses.
    const html = inlineAssets(
      `<!doctype html><html><head><style>${fonts.css} body { font-family: Tinos, serif }</style></head>` +
        '<body><h1>Status report</h1><p>Plain, <b>bold</b>, <i>italic</i> and <b><i>both</i></b>.</p><table><tr><th>Class</th><td>1,024</td></tr></table></body></html>',
      fonts.assets,
    );
    await page.setContent(html, { waitUntil: 'load' });
  }, 60_000);
  afterAll(() => browser?.close());

  it('prints the same bytes as puppeteer page.pdf with the same options', async () => {
    const byPuppeteer = await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, tagged: true, outline: true, waitForFonts: true });
    const byRequest = await printLoadedPage(cdp, 'Letter');
    expect(undated(byRequest).slice(0, 5)).toBe('%PDF-');
    expect(undated(byRequest)).toBe(undated(byPuppeteer));
  });

  it('prints on the paper asked for, in inches as puppeteer has them', () => {
    expect([printParameters('Letter'), printParameters('Legal'), printParameters('A4')].map((p) => [p.paperWidth, p.paperHeight])).toEqual([
      [8.5, 11],
      [8.5, 14],
      [8.2677, 11.6929],
    ]);
  });
});

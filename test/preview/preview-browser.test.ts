/**
 * `court-report preview` in a real browser (the system Chromium): an edit to
 * body.hbs shows in the open page, a broken template shows its file and line,
 * and fixing it recovers, all without a reload; the review page beside it
 * follows a change to the config the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, cli, root } from '../e2e/cli.js';

let work: string;
let server: ChildProcess;
let url: string;
let browser: Browser;
let page: Page;
let stderr = '';

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'court-report-preview-'));
  expect((await cli(['init', 'jail', '--from', path.join(root, 'test/fixtures/init/jail-census-2025-03.csv')], { cwd: work })).code).toBe(0);
  server = spawn(process.execPath, [bin, 'preview', '-c', 'jail/report.yaml', '--as-of', '2025-04-10'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /at (http:\/\/\S+\/) /.exec(stdout);
      if (found) resolve(found[1]!);
    });
    server.on('exit', (code) => reject(new Error(`preview exited ${code}: ${stderr}`)));
  });
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'] });
  page = await browser.newPage();
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill('SIGKILL');
});

/** The text of the document framed in a preview page. */
async function frameText(on: Page = page): Promise<string> {
  const frame = await (await on.$('#document'))!.contentFrame();
  return frame!.evaluate(() => document.body?.innerText ?? '');
}

const reportText = () => frameText(page);

async function waitForRender(ok: boolean, after: number, on: Page = page): Promise<number> {
  await on.waitForFunction((wantOk, last) => document.body.dataset.ok === String(wantOk) && Number(document.body.dataset.render) > last, { timeout: 20_000 }, ok, after);
  const render = await on.evaluate(() => Number(document.body.dataset.render));
  // The frame is loaded with ?render=N: wait for that very render, not the document it replaces.
  if (ok) {
    await on.waitForFunction(
      (n) => {
        const frame = (document.getElementById('document') as HTMLIFrameElement).contentDocument;
        return frame?.readyState === 'complete' && frame.location.search === `?render=${n}`;
      },
      { timeout: 20_000 },
      render,
    );
  }
  return render;
}

describe('court-report preview', () => {
  it('listens on 127.0.0.1 only, on a free port it prints', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = Number(new URL(url).port);
    const other = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (other) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect(port, other.address);
        socket.on('connect', () => (socket.destroy(), resolve(false)));
        socket.on('error', () => resolve(true));
      });
      expect(refused, `port ${port} on ${other.address}`).toBe(true);
    }
    const response = await fetch(new URL('/jail/report.yaml', url));
    expect(response.status).toBe(404);
  });

  it('shows an edit to body.hbs, then a broken template at its file and line, then recovers', async () => {
    let render = await waitForRender(true, 0);
    expect(await reportText()).toContain('Housing Unit: A: 5');
    const bodyFile = path.join(work, 'jail/body.hbs');
    const body = await readFile(bodyFile, 'utf8');

    await writeFile(bodyFile, body.replace('the number of records:', 'the census counted'));
    render = await waitForRender(true, render);
    expect(await reportText()).toContain('the census counted 12');

    const broken = body + '<p>{{nope}}</p>\n';
    await writeFile(bodyFile, broken);
    render = await waitForRender(false, render);
    const line = broken.split('\n').length - 1;
    const problem = await page.$eval('#problem', (element) => element.textContent ?? '');
    expect(problem).toContain(`jail/body.hbs:${line}:`);
    expect(problem).toContain('nope is not defined');

    await writeFile(bodyFile, body);
    render = await waitForRender(true, render);
    expect(await reportText()).toContain('the number of records: 12');
    expect(await page.$eval('#problem', (element) => (element as HTMLElement).hidden)).toBe(true);
  });

  it('serves the review at /review, linked with the report, and follows a change to the config', async () => {
    const review = await browser.newPage();
    await review.goto(new URL('/review', url).href);
    let render = await waitForRender(true, 0, review);
    expect(await frameText(review)).toContain('Checks: 0 passed, 0 failed');
    expect(await frameText(review)).toContain('With a medical screening date');
    expect(await review.$eval('#to-report', (a) => (a as HTMLAnchorElement).href)).toBe(url);
    expect(await page.$eval('#to-review', (a) => (a as HTMLAnchorElement).href)).toBe(new URL('/review', url).href);

    const configFile = path.join(work, 'jail/report.yaml');
    const config = await readFile(configFile, 'utf8');
    await writeFile(configFile, config + 'checks:\n  screened: { label: Every record screened, metric: withMedicalScreeningDate, equals: total }\n');
    render = await waitForRender(true, render, review);
    expect(await frameText(review)).toContain('Checks: 0 passed, 1 failed');
    expect(await frameText(review)).toContain('Every record screened');
    // The report's page, open beside it, names the failing item on its link to the review.
    await page.waitForFunction(() => document.getElementById('to-review')!.textContent === 'Review (1 failing)', { timeout: 20_000 });

    await writeFile(configFile, config);
    render = await waitForRender(true, render, review);
    expect(await frameText(review)).toContain('Checks: 0 passed, 0 failed');
    await review.close();
  });

  it('stops cleanly on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('preview stopped');
  });
});

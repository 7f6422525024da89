/**
 * The preview server: the report of one period and its review, re-rendered
 * when the config, a template or a snapshot changes, pushed to every open page
 * by server-sent events. It listens on 127.0.0.1 only and serves five paths:
 * the report's page and the review's, the latest report and review they
 * frame, and the events; nothing else, so no file is ever served.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { previewPage } from './page.js';
import { renderPreview, type PreviewInput, type ReportPreview, type ReviewPreview } from './render.js';
import { DebouncedWatcher } from './watch.js';

export interface PreviewOptions extends PreviewInput {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Folders whose changes do not re-render (the build's outputs). */
  ignore?: string[];
  /** Told after every render, its review done, for the command line's log. */
  onRender?: (state: PreviewState & { review: ReviewPreview }) => void;
}

/** The latest render: its report, and its review once that is done (null while it is being rendered). */
export type PreviewState = ReportPreview & { review: ReviewPreview | null; render: number; at: string };

export interface PreviewServer {
  url: string;
  /** The latest render. */
  state(): PreviewState;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  let renders = 0;
  let state: PreviewState = { ok: false, error: 'not rendered yet', watch: [], review: null, render: 0, at: '' };
  /** The review last rendered, served at /review.html while the next one is being made. */
  let review: ReviewPreview = { ok: false, error: 'not rendered yet' };
  const clients = new Set<ServerResponse>();
  let rendering: Promise<void> | null = null;
  let again = false;
  const watcher = new DebouncedWatcher(() => void rerender(), 150, options.ignore ?? []);

  /** The report, told to the pages at once; then the review, told when it is done. */
  async function renderOnce(): Promise<void> {
    // The wall clock only labels the render for the person watching; nothing rendered depends on it.
    const at = () => new Date().toTimeString().slice(0, 8);
    let reported = false;
    try {
      const { report, review: reviewLater } = await renderPreview(options);
      state = { ...report, review: null, render: ++renders, at: at() };
      watcher.set(state.watch);
      broadcast();
      reported = true;
      review = await reviewLater();
    } catch (error) {
      // A bug, not the user's input: show it in the page too, rather than stopping the preview.
      const shown = `internal error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      // A report already shown stays; the review shows the bug.
      if (!reported) state = { ok: false, error: shown, watch: state.watch, review: null, render: ++renders, at: at() };
      review = { ok: false, error: shown };
    }
    const done = { ...state, review };
    state = done;
    broadcast();
    options.onRender?.(done);
  }

  /** One render at a time; a change during a render asks for one more after it. */
  async function rerender(): Promise<void> {
    if (rendering) {
      again = true;
      return;
    }
    rendering = (async () => {
      do {
        again = false;
        await renderOnce();
      } while (again);
    })();
    await rendering;
    rendering = null;
  }

  await renderOnce();

  /** What the pages need to know of a render: whether each document rendered, or why not; never the documents themselves. */
  function event(): string {
    const review = state.review === null ? null : state.review.ok ? { ok: true, failures: state.review.failures } : state.review;
    const shown = state.ok ? { ok: true, period: state.period } : { ok: false, error: state.error };
    return `data: ${JSON.stringify({ ...shown, review, render: state.render, at: state.at })}\n\n`;
  }

  function broadcast(): void {
    const message = event();
    for (const client of clients) client.write(message);
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/review') {
      const view = url.pathname === '/' ? 'report' : 'review';
      response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(previewPage(path.basename(options.configFile), view));
    } else if (url.pathname === '/report.html' || url.pathname === '/review.html') {
      const shown = url.pathname === '/report.html' ? state : review;
      if (shown.ok) {
        // The document as written to report.html (review.html), with a policy that lets it run nothing and fetch nothing.
        response
          .writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:" })
          .end(shown.html);
      } else {
        response.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(shown.error);
      }
    } else if (url.pathname === '/events') {
      response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', connection: 'keep-alive' });
      response.write('retry: 500\n\n' + event());
      clients.add(response);
      request.on('close', () => clients.delete(response));
    } else {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the report holds case data and is never offered to the network.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    state: () => state,
    async close() {
      watcher.close();
      for (const client of clients) client.end();
      clients.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Open pages keep connections alive; they are ended now, not after a keep-alive timeout.
      server.closeAllConnections();
      await closed;
      await rendering;
    },
  };
}

/**
 * The preview's pages, one for the report and one for its review: the
 * document in a sandboxed frame (no scripts run in it, as in the printed
 * page), links between the two, and a small script in this page only that
 * follows the server's events to swap in each new render or show the problem
 * that stopped it.
 */

export type PreviewView = 'report' | 'review';

export function previewPage(title: string, view: PreviewView): string {
  const name = view === 'report' ? 'report' : 'review';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} — court-report preview of the ${name}</title>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  header { display: flex; gap: 16px; align-items: baseline; padding: 6px 12px; background: #222; color: #eee; font-size: 13px; }
  header.failed { background: #8b0000; }
  nav a { color: #9cf; margin-right: 10px; }
  nav a[aria-current] { color: #fff; font-weight: bold; text-decoration: none; }
  iframe { flex: 1; border: 0; width: 100%; background: #fff; }
  pre#problem { flex: 1; margin: 0; padding: 16px; white-space: pre-wrap; font-size: 14px; background: #fff5f5; color: #600; }
  [hidden] { display: none !important; }
</style>
</head>
<body data-view="${view}">
<header id="bar">
<nav><a id="to-report" href="/"${view === 'report' ? ' aria-current="page"' : ''}>Report</a><a id="to-review" href="/review"${view === 'review' ? ' aria-current="page"' : ''}>Review</a></nav>
<span id="status">court-report preview: connecting…</span>
</header>
<pre id="problem" hidden></pre>
<iframe id="document" sandbox="allow-same-origin" title="${name}" src="about:blank"></iframe>
<script>
  const view = document.body.dataset.view;
  const bar = document.getElementById('bar');
  const status = document.getElementById('status');
  const problem = document.getElementById('problem');
  const frame = document.getElementById('document');
  const toReview = document.getElementById('to-review');
  const events = new EventSource('/events');
  // Each render is told twice: the report at once, then with its review (null meanwhile).
  let shownRender = 0;
  let shownOk = null;
  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    if (state.review) toReview.textContent = state.review.ok && state.review.failures > 0 ? 'Review (' + state.review.failures + ' failing)' : 'Review';
    const shown = view === 'report' ? state : state.review;
    if (shown === null) {
      status.textContent = 'court-report preview: re-rendering the review (render ' + state.render + ')…';
      return;
    }
    // The same document as the one shown: nothing to reload.
    if (state.render === shownRender && shown.ok === shownOk) return;
    shownRender = state.render;
    shownOk = shown.ok;
    if (shown.ok) {
      problem.hidden = true;
      frame.hidden = false;
      frame.src = '/' + view + '.html?render=' + state.render;
      bar.className = '';
      status.textContent = 'court-report preview: ' + view + ' of ' + state.period + ', render ' + state.render + ' at ' + state.at;
    } else {
      problem.textContent = shown.error;
      problem.hidden = false;
      frame.hidden = true;
      bar.className = 'failed';
      status.textContent = 'court-report preview: the ' + view + ' cannot be rendered (render ' + state.render + ' at ' + state.at + '); fix it and it re-renders';
    }
    document.body.dataset.render = String(state.render);
    document.body.dataset.ok = String(shown.ok);
  };
  events.onerror = () => { status.textContent = 'court-report preview: disconnected; retrying…'; };
</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

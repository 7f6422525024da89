/**
 * The preview's page: the report in a sandboxed frame (no scripts run in the
 * report itself, as in the printed page), and a small script in this page
 * only that follows the server's events to swap in each new render or show
 * the problem that stopped it.
 */

export function previewPage(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} — court-report preview</title>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  header { padding: 6px 12px; background: #222; color: #eee; font-size: 13px; }
  header.failed { background: #8b0000; }
  iframe { flex: 1; border: 0; width: 100%; background: #fff; }
  pre#problem { flex: 1; margin: 0; padding: 16px; white-space: pre-wrap; font-size: 14px; background: #fff5f5; color: #600; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<header id="status">court-report preview: connecting…</header>
<pre id="problem" hidden></pre>
<iframe id="report" sandbox="allow-same-origin" title="report" src="about:blank"></iframe>
<script>
  const status = document.getElementById('status');
  const problem = document.getElementById('problem');
  const report = document.getElementById('report');
  const events = new EventSource('/events');
  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    if (state.ok) {
      problem.hidden = true;
      report.hidden = false;
      report.src = '/report.html?render=' + state.render;
      status.className = '';
      status.textContent = 'court-report preview: ' + state.period + ', render ' + state.render + ' at ' + state.at;
    } else {
      problem.textContent = state.error;
      problem.hidden = false;
      report.hidden = true;
      status.className = 'failed';
      status.textContent = 'court-report preview: the report cannot be rendered (render ' + state.render + ' at ' + state.at + '); fix it and it re-renders';
    }
    document.body.dataset.render = String(state.render);
    document.body.dataset.ok = String(state.ok);
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

/** `court-report preview`: the report in a browser, re-rendered as you edit. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { isMonthId } from '../config/periods.js';
import { startPreview } from '../preview/server.js';
import { asOfOption, parseCommand, requireOption } from './options.js';
import { UsageError } from './usage.js';

const usage = `Usage: court-report preview --config FILE [--period YYYY-MM] [--port N] [--as-of YYYY-MM-DD] [--open]

Serves the report of one period (default: the latest) on http://127.0.0.1, and
its review (as \`court-report review\` writes review.html) at /review, and
re-renders both whenever the config, a template or a snapshot changes; the open
page follows without reloading. A problem is shown in the page, with its file
and line, until it is fixed. Ctrl-C stops it.

Options:
  -c, --config FILE        the report definition (YAML)
  -p, --period YYYY-MM     the period to show (default: the latest as of --as-of)
  --port N                 the port on 127.0.0.1 (default: a free one)
  --as-of YYYY-MM-DD       the filing date the draft shows (default: today)
  --open                   open the page in the default browser
  --debug                  show stack traces
  --help                   this text`;

export async function run(args: string[]): Promise<void> {
  const values = parseCommand(
    args,
    { config: { type: 'string', short: 'c' }, period: { type: 'string', short: 'p' }, port: { type: 'string' }, 'as-of': { type: 'string' }, open: { type: 'boolean' } },
    usage,
  );
  if (!values) return;
  const configFile = requireOption(values.config, 'config', usage);
  if (values.period !== undefined && !isMonthId(values.period)) throw new UsageError(`--period must be a month as YYYY-MM, got "${values.period}"`, usage);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0-65535), got "${values.port}"`, usage);
  const asOf = asOfOption(values['as-of'], usage);
  const cwd = process.cwd();
  const preview = await startPreview({
    configFile: path.resolve(cwd, configFile),
    period: values.period,
    asOf,
    cwd,
    port,
    ignore: [path.resolve(cwd, 'out')],
    onRender: (state) =>
      process.stderr.write(
        !state.ok
          ? `cannot render (render ${state.render}):\n  ${state.error.replace(/\n/g, '\n  ')}\n`
          : state.review.ok
            ? `rendered ${state.period} (render ${state.render}); review: ${state.review.failures} failing\n`
            : `rendered ${state.period} (render ${state.render}); the review cannot render:\n  ${state.review.error.replace(/\n/g, '\n  ')}\n`,
      ),
  });
  const first = preview.state();
  process.stdout.write(`preview of ${first.ok ? first.period : configFile} at ${preview.url} (Ctrl-C to stop); its review at ${preview.url}review\n`);
  if (!first.ok) process.stderr.write(`cannot render yet:\n  ${first.error.replace(/\n/g, '\n  ')}\n`);
  if (values.open) openBrowser(preview.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await preview.close();
  process.stderr.write('preview stopped\n');
}

/** The platform's "open this URL" command; a failure only means opening it by hand. */
function openBrowser(url: string): void {
  const [command, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  try {
    const child = spawn(command!, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`could not open a browser; open ${url}\n`));
    child.unref();
  } catch {
    process.stderr.write(`could not open a browser; open ${url}\n`);
  }
}

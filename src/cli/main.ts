#!/usr/bin/env node
/**
 * The court-report command: a thin shell over the pipeline. Commands load
 * lazily so `--help` and `validate` never pay for the browser library.
 */
import { formatLocation, formatProblem, isUserError, type Problem } from '../errors.js';
import { closest } from '../snapshots/did-you-mean.js';
import { findChrome } from '../pdf/chrome.js';
import { ChromeProcess } from '../pdf/chrome-process.js';
import { exitOnSignals, Interrupted } from '../interrupt.js';
import { takeBrowser, wantsBrowser } from './early-browser.js';
import { paint, partialResultOf, setQuiet, shownAsJson, writeJson } from './output.js';
import { mainUsage, UsageError } from './usage.js';

/** What the command line hands a command besides its arguments. */
export interface CommandContext {
  /** A browser started before the command loaded (build only). */
  browser?: ChromeProcess;
}

const commands: Record<string, () => Promise<{ run(args: string[], context: CommandContext): Promise<void> }>> = {
  build: () => import('./build.js'),
  calendar: () => import('./calendar.js'),
  diff: () => import('./diff.js'),
  init: () => import('./init.js'),
  preview: () => import('./preview.js'),
  validate: () => import('./validate.js'),
  schema: () => import('./schema.js'),
  status: () => import('./status.js'),
  verify: () => import('./verify.js'),
  review: () => import('./review.js'),
};

async function main(argv: string[]): Promise<void> {
  // --debug may come anywhere, even before the command.
  const [name, ...args] = argv.filter((a) => a !== '--debug');
  setQuiet(args.includes('--quiet') || args.includes('-q'));
  if (name === 'help' && args[0] !== undefined) {
    const load = commands[args[0]];
    if (!load) throw unknownCommand(args[0]);
    await (await load()).run(['--help'], {});
    return;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainUsage + '\n');
    if (name === undefined) process.exitCode = 2;
    return;
  }
  if (name === '--version' || name === '-v') {
    const { versionReport } = await import('./version-report.js');
    process.stdout.write(versionReport() + '\n');
    return;
  }
  const load = commands[name];
  if (!load) throw unknownCommand(name);
  // Preview's server stops itself on a signal; every other command stops here, whatever it waits on.
  if (name !== 'preview') exitOnSignals((interrupted) => stopped(name, interrupted));
  // Started before the command's code loads, which the browser's boot can overlap.
  const browser = startBrowserEarly(name, args);
  await (await load()).run(args, { browser });
}

function unknownCommand(name: string): UsageError {
  const near = closest(name, Object.keys(commands));
  return new UsageError(`unknown command "${name}"${near === undefined ? '' : `; did you mean "${near}"?`}`, 'Run "court-report --help" for the commands.');
}

/** A problem as --json gives it: where, what, and how to fix it. */
function problemObject(problem: Problem): Record<string, unknown> {
  const location = problem.location;
  return {
    file: location?.file ?? null,
    line: location?.line ?? null,
    column: location?.column ?? null,
    ...(location?.columnName !== undefined ? { columnName: location.columnName } : {}),
    ...(location?.sheet !== undefined ? { sheet: location.sheet } : {}),
    message: problem.message,
    ...(problem.value !== undefined ? { value: problem.value } : {}),
    ...(problem.expected !== undefined ? { expected: problem.expected } : {}),
    hint: problem.hint ?? null,
    text: location ? `${formatLocation(location)}: ${problem.message}` : problem.message,
  };
}

/** Commands whose --json covers their problems too: every command that takes --json. */
const JSON_PROBLEMS = new Set(['build', 'validate', 'verify', 'status', 'calendar', 'diff', 'review', 'init']);

function report(error: unknown, debug: boolean, json: boolean): void {
  // A result already printed as the JSON document (a review whose items fail) is told on stderr, not in a second document.
  if (json && isUserError(error) && !shownAsJson(error)) {
    writeJson({ ok: false, context: error.context, problems: error.problems.map(problemObject), ...partialResultOf(error) });
    if (debug && error.stack) process.stderr.write(error.stack + '\n');
    process.exitCode = 1;
    return;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`court-report: ${error.message}\n\n${error.usage}\n`);
    process.exitCode = 2;
    return;
  }
  if (error instanceof Interrupted) {
    stopped(argv.filter((a) => a !== '--debug')[0] ?? '', error);
    return;
  }
  if (isUserError(error)) {
    const label = paint('error', 'red');
    const lines = [...error.context.map((c) => `court-report: ${label} ${c}:`)];
    if (lines.length === 0) lines.push(`court-report: ${label}:`);
    const problems = error.problems.map((p) => `  ${formatProblem(p).replace(/\n/g, '\n  ')}`);
    process.stderr.write([...lines, ...problems].join('\n') + '\n');
    if (debug && error.stack) process.stderr.write(error.stack + '\n');
    process.exitCode = 1;
    return;
  }
  // Not the user's fault: show everything.
  process.stderr.write(`court-report: internal error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}

let stopping = false;

/** Says what a signal left behind, and exits 130 (SIGINT) or 143 (SIGTERM); asked again, exits without waiting for output to flush. */
function stopped(command: string, interrupted: Interrupted): void {
  if (stopping) process.exit(interrupted.exitCode);
  stopping = true;
  const kept = {
    build: '; finished periods were kept, the one in progress was not written',
    review: '; the review folder was not written',
  }[command];
  process.stderr.write(`court-report: ${interrupted.message}${kept ?? ''}\n`);
  process.exitCode = interrupted.exitCode;
  exitWhenFlushed();
}

let earlyBrowser: ChromeProcess | undefined;

/**
 * A build that prints starts Chrome before anything else loads: it is the
 * slowest step and needs nothing from the inputs. The printer takes it over.
 */
function startBrowserEarly(name: string, args: string[]): ChromeProcess | undefined {
  if (!wantsBrowser([name, ...args])) return undefined;
  try {
    // The loader (start.ts) has usually spawned it already, before this code was compiled.
    const spawned = takeBrowser();
    earlyBrowser = spawned ? ChromeProcess.adopt(spawned) : ChromeProcess.start(findChrome());
    return earlyBrowser;
  } catch {
    // No browser found: the build says so, with how to install one, when it needs it.
    return undefined;
  }
}

/** Exits once stdout and stderr are flushed (a plain process.exit can cut piped output short). */
function exitWhenFlushed(): void {
  // The printer closed the browser it took over; if none did (a usage error), it goes now.
  earlyBrowser?.kill();
  const spawned = takeBrowser();
  if (spawned) ChromeProcess.adopt(spawned).kill();
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit();
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

const argv = process.argv.slice(2);
main(argv)
  .catch((error: unknown) => report(error, argv.includes('--debug'), argv.includes('--json') && JSON_PROBLEMS.has(argv.filter((a) => a !== '--debug')[0] ?? '')))
  // The work is done: timers that puppeteer left waiting on a browser we killed must not hold the exit.
  .finally(exitWhenFlushed);

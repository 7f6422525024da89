/** How commands write to the terminal: JSON results, warnings, colour only where it helps. */

/** A result as one JSON document on standard output. */
export function writeJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

const resultsShown = new WeakSet<Error>();

/**
 * Marks a failure whose result went out as the command's JSON document (a
 * review whose items fail): standard output holds one document, so the
 * failure is told on standard error instead of as a second one.
 */
export function failedWithJsonShown<E extends Error>(error: E): E {
  resultsShown.add(error);
  return error;
}

export function shownAsJson(error: Error): boolean {
  return resultsShown.has(error);
}

const partialResults = new WeakMap<Error, Record<string, unknown>>();

/** What a failed command did finish (a batch's built periods), for its --json problems document. */
export function withPartialResult<E extends Error>(error: E, result: Record<string, unknown>): E {
  partialResults.set(error, result);
  return error;
}

export function partialResultOf(error: Error): Record<string, unknown> {
  return partialResults.get(error) ?? {};
}

/** A warning on standard error: shown, never silently passed. */
export function warn(message: string): void {
  process.stderr.write(`court-report: ${paint('warning', 'yellow')}: ${message}\n`);
}

const CODES = { red: 31, yellow: 33, green: 32, bold: 1, dim: 2 } as const;

/** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org). */
export function colourEnabled(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function paint(text: string, colour: keyof typeof CODES, stream: NodeJS.WriteStream = process.stderr): string {
  return colourEnabled(stream) ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

let quiet = false;

/** --quiet: informational lines are left out; results, warnings and errors are not. */
export function setQuiet(value: boolean): void {
  quiet = value;
}

export function isQuiet(): boolean {
  return quiet;
}

/** A line that says what was done (not a result someone asked for). */
export function info(line: string): void {
  if (!quiet) process.stdout.write(line + '\n');
}

/** Command-line parsing shared by the commands: strict, with one clock read at the edge. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate, isMonthId } from '../config/periods.js';
import { closest } from '../snapshots/did-you-mean.js';
import { UsageError } from './usage.js';

/** Options every command takes. */
const commonOptions = { help: { type: 'boolean' }, debug: { type: 'boolean' }, quiet: { type: 'boolean' } } as const;

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Options<T extends ParseArgsOptionsConfig> = T & typeof commonOptions;
type Values<T extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; strict: true; options: Options<T> }>>['values'];

/**
 * A command's options, strictly (node's complaints become usage errors, exit
 * code 2), with --help and --debug added. Null when --help printed the usage.
 */
export function parseCommand<const T extends ParseArgsOptionsConfig>(args: string[], options: T, usage: string): Values<T> | null {
  return parseCommandLine(args, options, usage, false)?.values ?? null;
}

/** parseCommand for commands that also take operands (`init DIR`). */
export function parseCommandLine<const T extends ParseArgsOptionsConfig>(
  args: string[],
  options: T,
  usage: string,
  allowPositionals = true,
): { values: Values<T>; positionals: string[] } | null {
  let parsed: { values: Values<T>; positionals: string[] };
  const table = withShortFlags({ ...options, ...commonOptions });
  try {
    parsed = parseArgs({ args, strict: true, allowPositionals, options: table as Options<T> }) as typeof parsed;
  } catch (error) {
    throw unknownOption(error as Error, table, usage) ?? new UsageError((error as Error).message, usage);
  }
  // Known to be there (commonOptions), though not to the type of a generic T.
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage + '\n');
    return null;
  }
  return parsed;
}

/** The common options' short forms, wherever a command takes them: -c, -p, -o. */
const SHORT_FLAGS: Record<string, string> = { config: 'c', period: 'p', out: 'o', quiet: 'q' };

function withShortFlags(options: ParseArgsOptionsConfig): ParseArgsOptionsConfig {
  const table: ParseArgsOptionsConfig = {};
  for (const [name, option] of Object.entries(options)) {
    table[name] = SHORT_FLAGS[name] !== undefined && option.short === undefined ? { ...option, short: SHORT_FLAGS[name] } : option;
  }
  return table;
}

/** An unknown option: "did you mean" and the one usage line, not the whole help. */
function unknownOption(error: Error, table: ParseArgsOptionsConfig, usage: string): UsageError | undefined {
  const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (unknown === undefined) return undefined;
  const near = unknown.startsWith('--') ? closest(unknown.slice(2), Object.keys(table)) : undefined;
  const command = /^Usage: court-report (\S+)/.exec(usage)?.[1] ?? '';
  const line = usage.split('\n')[0]!;
  return new UsageError(`unknown option ${unknown}${near === undefined ? '' : `; did you mean --${near}?`}`, `${line}\nRun "court-report help ${command}" for every option.`);
}

export function requireOption(value: string | undefined, name: string, usage: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing --${name}`, usage);
  return value;
}

/**
 * The one --period of a single-period command. The option is declared
 * `multiple` so that a second --period is refused, not silently taken as the
 * only one (node's parser keeps the last).
 */
export function periodOption(values: string[] | undefined, usage: string): string {
  if (values !== undefined && values.length > 1) {
    throw new UsageError(`--period is given ${values.length} times (${values.join(', ')}); this command reports on one period`, usage);
  }
  return monthOption(values?.[0], usage);
}

/** Every --period given, in order, each checked; a period named twice is built once. */
export function periodsOption(values: string[] | undefined, usage: string): string[] {
  const periods = (values ?? []).map((value) => monthOption(value, usage));
  if (periods.length === 0) throw new UsageError('missing --period', usage);
  // Built and printed in period order, each once: an earlier month's report is
  // what a later one's review reads, and YYYY-MM sorts as text.
  return [...new Set(periods)].sort();
}

function monthOption(value: string | undefined, usage: string): string {
  const period = requireOption(value, 'period', usage);
  if (!isMonthId(period)) throw new UsageError(`--period must be a month as YYYY-MM, got "${period}"`, usage);
  return period;
}

/** The as-of (filing) date: given, or today's local date — the only place the clock is read. */
export function asOfOption(value: string | undefined, usage: string): string {
  if (value === undefined) {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  }
  if (!isIsoDate(value)) throw new UsageError(`--as-of must be a calendar date as YYYY-MM-DD, got "${value}"`, usage);
  return value;
}

/** --timeout SECONDS as milliseconds; default 60 s. */
export function timeoutOption(value: string | undefined, usage: string): number {
  if (value === undefined) return 60_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got "${value}"`, usage);
  return Math.round(seconds * 1000);
}

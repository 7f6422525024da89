#!/usr/bin/env node
/**
 * `node dist/synthetic/main.js --out DIR [--seed N] [--size N] [--from YYYY-MM] [--to YYYY-MM]`
 * writes the synthetic snapshots of the bundled example (npm run generate:example).
 */
import { parseArgs } from 'node:util';
import { UserError, isUserError, type Problem } from '../errors.js';
import { MAX_COHORT_SIZE } from './cohort.js';
import { EXAMPLE_FIRST_MONTH, EXAMPLE_LAST_MONTH, generateExample, type ExampleOptions } from './example.js';
import { COHORT_SIZE, DEFAULT_SEED, MONTH_TARGETS } from './plan.js';

const USAGE = `Usage: generate-example --out DIR [--seed N] [--size N] [--from YYYY-MM] [--to YYYY-MM]
  --out DIR        directory for the YYYY-MM.csv snapshots
  --seed N         generator seed (default ${DEFAULT_SEED}); the same seed gives the same bytes
  --size N         people in the cohort (default ${COHORT_SIZE}, the only size that hits the reported figures exactly)
  --from YYYY-MM   first month (default ${EXAMPLE_FIRST_MONTH})
  --to YYYY-MM     last month (default ${EXAMPLE_LAST_MONTH})`;

/** The cohort was released in May 2023; a snapshot before its end would lack people's release. */
const EARLIEST_MONTH = MONTH_TARGETS[0]?.month ?? '2023-05';

function parseOptions(argv: string[]): ExampleOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      size: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const problems: Problem[] = [];
  const whole = (flag: string, text: string | undefined, fallback: number, min: number, max: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (/^\d+$/.test(text) && n >= min && n <= max) return n;
    problems.push({ message: `--${flag} must be a whole number`, value: text, expected: `${min} to ${max}` });
    return fallback;
  };
  const month = (flag: string, text: string | undefined, fallback: string) => {
    if (text === undefined) return fallback;
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text) && text >= EARLIEST_MONTH) return text;
    problems.push({ message: `--${flag} must be a month`, value: text, expected: `YYYY-MM, ${EARLIEST_MONTH} or later` });
    return fallback;
  };
  if (values.out === undefined) problems.push({ message: 'missing --out', hint: 'pass the directory to write to, e.g. --out data/florida-v-mayorkas/snapshots' });
  const options: ExampleOptions = {
    out: values.out ?? '',
    seed: whole('seed', values.seed, DEFAULT_SEED, 0, 2 ** 32 - 1),
    size: whole('size', values.size, COHORT_SIZE, 1, MAX_COHORT_SIZE),
    from: month('from', values.from, EXAMPLE_FIRST_MONTH),
    to: month('to', values.to, EXAMPLE_LAST_MONTH),
  };
  if ((options.from ?? '') > (options.to ?? '')) {
    problems.push({ message: '--from comes after --to', value: `${options.from} > ${options.to}` });
  }
  if (problems.length > 0) throw new UserError(problems);
  return options;
}

async function main(argv: string[]): Promise<void> {
  try {
    const options = parseOptions(argv);
    if (options === 'help') {
      console.log(USAGE);
      return;
    }
    const files = await generateExample(options);
    console.log(`wrote ${files.length} snapshots to ${options.out}`);
  } catch (error) {
    // parseArgs rejects unknown flags with a TypeError carrying this code; that is the user's to fix.
    const badFlag = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true;
    if (!isUserError(error) && !badFlag) throw error;
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 1;
  }
}

await main(process.argv.slice(2));

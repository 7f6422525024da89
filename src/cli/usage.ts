/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

export { Interrupted } from '../interrupt.js';

export const mainUsage = `court-report — court-ordered compliance (status) reports from monthly case snapshots

Usage:
  court-report init     DIR (--from FILE [--key COLUMN] [--period YYYY-MM] [--root PATH] | --example) [--force] [--json]
  court-report build    --config FILE (--period YYYY-MM | --all) [--out DIR] [--html-only] [--docx] [--as-of YYYY-MM-DD] [--final [--force]]
  court-report verify   --config FILE --period YYYY-MM [--out DIR] [--json]
  court-report review   --config FILE --period YYYY-MM [--out DIR] [--as-of YYYY-MM-DD] [--json]
  court-report diff     --config FILE --period YYYY-MM [--json]
  court-report validate --config FILE [--as-of YYYY-MM-DD] [--json]
  court-report preview  --config FILE [--period YYYY-MM] [--port N] [--as-of YYYY-MM-DD] [--open]
  court-report status   --config FILE [--out DIR] [--as-of YYYY-MM-DD] [--json]
  court-report calendar --config FILE [--out FILE.ics] [--remind DAYS] [--as-of YYYY-MM-DD] [--json]
  court-report schema   (prints the JSON Schema of the report definition)

Run "court-report COMMAND --help" for a command's options.
Exit codes: 0 success, 1 a problem with the inputs (config, snapshots, templates), 2 a usage error.
Add --debug to any command to see stack traces.`;

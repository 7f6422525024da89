/** `court-report schema`: prints the JSON Schema of the report definition, for editors. */
import { parseArgs } from 'node:util';
import { reportJsonSchema } from '../config/json-schema.js';
import { commonOptions, parseCommand } from './options.js';

const usage = `Usage: court-report schema

Prints the JSON Schema of the report definition (the file in schema/report.schema.json).`;

export async function run(args: string[]): Promise<void> {
  const { values } = parseCommand(() => parseArgs({ args, strict: true, options: { ...commonOptions } }), usage);
  if (values.help) {
    process.stdout.write(usage + '\n');
    return;
  }
  process.stdout.write(JSON.stringify(reportJsonSchema(), null, 2) + '\n');
}

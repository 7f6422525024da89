/** `court-report schema`: prints the JSON Schema of the report definition, for editors. */
import { reportJsonSchema } from '../config/json-schema.js';
import { parseCommand } from './options.js';

const usage = `Usage: court-report schema

Prints the JSON Schema of the report definition (the file in schema/report.schema.json).`;

export async function run(args: string[]): Promise<void> {
  if (!parseCommand(args, {}, usage)) return;
  process.stdout.write(JSON.stringify(reportJsonSchema(), null, 2) + '\n');
}

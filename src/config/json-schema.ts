/** The JSON Schema of the report definition, generated from the same zod schema that validates it. */
import { z } from 'zod';
import { reportDefinition } from './schema.js';

export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(reportDefinition, { io: 'input', target: 'draft-2020-12' });
  return {
    $schema: schema.$schema,
    $id: 'https://court-report.invalid/schema/report.schema.json',
    title: 'court-report report definition',
    ...schema,
  };
}

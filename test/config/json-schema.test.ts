import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { reportJsonSchema } from '../../src/config/json-schema.js';

it('schema/report.schema.json is generated from the current schema (npm run schema)', async () => {
  const committed = JSON.parse(await readFile('schema/report.schema.json', 'utf8'));
  expect(committed).toEqual(reportJsonSchema());
});

it('the JSON Schema describes every top-level key and forbids unknown ones', () => {
  const schema = reportJsonSchema() as { properties: Record<string, { description?: string }>; additionalProperties: boolean; required: string[] };
  expect(Object.keys(schema.properties)).toEqual(['$schema', 'id', 'case', 'filer', 'declarant', 'periods', 'snapshots', 'metrics', 'events', 'checks', 'template', 'output', 'privacy']);
  expect(schema.additionalProperties).toBe(false);
  expect(schema.required).toEqual(['id', 'case', 'filer', 'periods', 'snapshots', 'template']);
  for (const [key, property] of Object.entries(schema.properties)) expect(property.description, key).toBeTruthy();
});

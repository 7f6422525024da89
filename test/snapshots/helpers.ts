import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SnapshotSource } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { loadSnapshot } from '../../src/snapshots/index.js';
import type { FieldSpec } from '../../src/snapshots/types.js';

export function field(name: string, type: FieldSpec['type'], extra: Partial<FieldSpec> = {}): FieldSpec {
  return {
    name,
    label: name,
    type,
    column: name,
    formats: ['yyyy-MM-dd'],
    values: undefined,
    required: false,
    pii: false,
    ...extra,
  };
}

/** The fields most tests read: a small detention docket. */
export const caseFields: FieldSpec[] = [
  field('aNumber', 'string', { label: 'A-number', column: 'A_NUMBER' }),
  field('name', 'string', { column: 'NAME' }),
  field('releaseDate', 'date', { column: 'RELEASE_DATE', formats: ['yyyy-MM-dd', 'M/d/yyyy'] }),
  field('status', 'enum', { column: 'STATUS', values: ['Detained', 'Released', 'Removed'] }),
  field('bond', 'number', { column: 'BOND' }),
];

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'court-report-snapshots-'));
}

/** Writes `content` as <dir>/<name> and returns a source reading <dir>/<name with 2024-05 as {period}>. */
export async function snapshotIn(
  dir: string,
  name: string,
  content: string | Uint8Array,
  fields: FieldSpec[] = caseFields,
  key = 'aNumber',
): Promise<SnapshotSource> {
  await writeFile(join(dir, name), content);
  return { pathPatterns: [join(dir, name.replace('2024-05', '{period}'))], sheet: undefined, key, fields };
}

/** Loads the 2024-05 snapshot expecting a UserError, and returns it. */
export async function loadError(source: SnapshotSource, displayBase: string): Promise<UserError> {
  const error = await loadSnapshot(source, '2024-05', { displayBase }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

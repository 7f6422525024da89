/**
 * Reads and validates a report definition once, at the edge. Every problem in
 * the file is reported together, each at its line and column.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { crossCheck } from './cross-check.js';
import { resolveConfig } from './resolve.js';
import { schemaProblems } from './schema-problems.js';
import { reportDefinition } from './schema.js';
import type { ResolvedConfig } from './types.js';
import { YamlSource } from './yaml-source.js';

export interface LoadConfigOptions {
  /** Base for the default output folder and for paths shown in messages. Default: process.cwd(). */
  cwd?: string;
}

export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const shown = displayPath(absolute, cwd);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new UserError(
      { location: { file: shown }, message: 'cannot read the report definition', hint: (error as Error).message },
      { cause: error },
    );
  }
  if (text.trim() === '') throw new UserError({ location: { file: shown }, message: 'the report definition is empty' });

  const source = new YamlSource(shown, text);
  const syntax = source.syntaxProblems();
  if (syntax.length > 0) throw new UserError(syntax);

  const input = source.toJS();
  const parsed = reportDefinition.safeParse(input);
  if (!parsed.success) throw new UserError(schemaProblems(parsed.error.issues, source, reportDefinition, input));

  const crossProblems = crossCheck(parsed.data, source);
  const { config, problems } = resolveConfig(parsed.data, absolute, source, cwd);
  if (crossProblems.length + problems.length > 0) throw new UserError([...crossProblems, ...problems]);
  return config;
}

/** A path as the user would type it: relative to the working folder when inside it. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

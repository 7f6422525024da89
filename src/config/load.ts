/**
 * Reads and validates a report definition once, at the edge. Every problem in
 * the file is reported together, each at its line and column.
 */
import path from 'node:path';
import { displayPath } from '../display-path.js';
import { inputLimits, readInputText } from '../input-file.js';
import { UserError, type Problem } from '../errors.js';
import { crossCheck } from './cross-check.js';
import { documentProblems } from './document-check.js';
import { crossCheckWhatParses, periodPlaceholderProblems, reservedNameProblems } from './input-checks.js';
import { placeholderProblems } from './placeholders.js';
import { resolveConfig } from './resolve.js';
import { schemaProblems } from './schema-problems.js';
import { reportDefinition, type ReportDefinition } from './schema.js';
import type { PeriodRules, ResolvedConfig, SnapshotSource } from './types.js';
import { YamlSource } from './yaml-source.js';

export interface LoadConfigOptions {
  /** Base for the default output folder and for paths shown in messages. Default: process.cwd(). */
  cwd?: string;
}

export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const inspection = await inspectConfig(file, options);
  if (!inspection.config) throw new UserError(inspection.problems);
  return inspection.config;
}

export interface ConfigInspection {
  /** The resolved config, when the file has no problems. */
  config: ResolvedConfig | null;
  problems: Problem[];
  /**
   * Where the snapshots are and which periods exist, when those sections are
   * sound even though other parts of the file are not, so `validate` can
   * still check every snapshot.
   */
  snapshotsOnly: { snapshots: SnapshotSource; periods: PeriodRules } | null;
}

/** Reads and checks a report definition, returning every problem instead of throwing. */
export async function inspectConfig(file: string, options: LoadConfigOptions = {}): Promise<ConfigInspection> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const shown = displayPath(absolute, cwd);
  const failed = (problems: Problem[]): ConfigInspection => ({ config: null, problems, snapshotsOnly: null });
  let text: string;
  try {
    text = await readInputText({ path: absolute, shown, what: 'report definition', maxBytes: inputLimits.config });
  } catch (error) {
    if (error instanceof UserError) return failed(error.problems);
    return failed([{ location: { file: shown }, message: 'cannot read the report definition', hint: (error as Error).message }]);
  }
  const empty: Problem = {
    location: { file: shown },
    message: 'the report definition is empty',
    hint: 'it needs at least id, case, filer, periods, snapshots and template; `court-report schema` describes every key',
  };
  if (text.trim() === '') return failed([empty]);

  const source = new YamlSource(shown, text);
  const data = source.toJS();
  if ('problem' in data) return failed([data.problem]);
  const input = data.value;
  const syntax = source.syntaxProblems();
  // Only comments: as empty as a blank file.
  if (syntax.length === 0 && (input === null || input === undefined)) return failed([empty]);
  const parsed = reportDefinition.safeParse(input);
  // Names and paths that would pass the schema and silently change a figure.
  const silent = syntax.length > 0 ? [] : [...reservedNameProblems(source), ...periodPlaceholderProblems(input, source)];
  if (syntax.length > 0 || !parsed.success || silent.length > 0) {
    const schema =
      syntax.length === 0 && !parsed.success
        ? [...schemaProblems(parsed.error.issues, source, reportDefinition, input), ...crossCheckWhatParses(input, source)]
        : [];
    const problems = inFileOrder([...syntax, ...schema, ...silent]);
    const salvage = silent.length > 0 ? null : salvageSnapshots(input, absolute, source, cwd);
    return { config: null, problems, snapshotsOnly: salvage };
  }
  const crossProblems = [...crossCheck(parsed.data, source), ...documentProblems(parsed.data, source)];
  const { config, problems } = resolveConfig(parsed.data, absolute, source, cwd);
  const all = inFileOrder([...crossProblems, ...problems]);
  if (all.length > 0) return { config: null, problems: all, snapshotsOnly: readable({ snapshots: config.snapshots, periods: config.periods }) };
  const placeholders = placeholderProblems(input, source);
  return { config: placeholders.length > 0 ? { ...config, placeholders } : config, problems: [], snapshotsOnly: null };
}

/** Problems sorted by line and column; those without a line keep their place at the end. */
function inFileOrder(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => (p.location?.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (p.location?.column ?? 0);
  return problems.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map(({ p }) => p);
}

/** The snapshot source and periods of a file whose other parts are broken, when those two parts are sound. */
function salvageSnapshots(input: unknown, file: string, source: YamlSource, cwd: string): ConfigInspection['snapshotsOnly'] {
  if (input === null || typeof input !== 'object') return null;
  const { snapshots, periods } = input as Record<string, unknown>;
  const shape = reportDefinition.shape;
  const parsedSnapshots = shape.snapshots.safeParse(snapshots);
  const parsedPeriods = shape.periods.safeParse(periods);
  if (!parsedSnapshots.success || !parsedPeriods.success) return null;
  const stub = { id: 'unresolved', snapshots: parsedSnapshots.data, periods: parsedPeriods.data, metrics: {}, events: {}, case: { judges: [] }, template: {}, output: { format: {} } };
  const { config, problems } = resolveConfig(stub as unknown as ReportDefinition, file, source, cwd);
  const pathProblem = problems.some((p) => p.message.startsWith('a relative path') || p.message.startsWith('snapshots needs') || p.message.startsWith('snapshots has both'));
  return pathProblem ? null : readable({ snapshots: config.snapshots, periods: config.periods });
}

/**
 * A salvaged source whose key names no declared field cannot be read (no record
 * could be identified): its problem is already reported at the key's line, so
 * the snapshots are left unchecked rather than failing as an internal error.
 */
function readable(salvage: NonNullable<ConfigInspection['snapshotsOnly']>): ConfigInspection['snapshotsOnly'] {
  return salvage.snapshots.fields.some((field) => field.name === salvage.snapshots.key) ? salvage : null;
}


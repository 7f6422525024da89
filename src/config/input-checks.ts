/**
 * Checks on the report definition that guard against input which would pass
 * the schema yet silently change a figure: a name JavaScript objects treat
 * specially (a metric `__proto__` vanishes), and a snapshot path that names
 * one file for every period (each period would be diffed against itself).
 */
import { isMap, isScalar, visit } from 'yaml';
import type { Problem } from '../errors.js';
import { crossCheck } from './cross-check.js';
import { reportDefinition, type ReportDefinition } from './schema.js';
import type { YamlSource } from './yaml-source.js';

/** Keys that plain objects give a meaning of their own. */
const reservedNames = new Set(['__proto__', 'constructor', 'prototype']);

/** Every key named __proto__, constructor or prototype, wherever it appears, at its line. */
export function reservedNameProblems(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  visit(source.document, {
    Pair: (_, pair) => {
      if (!isScalar(pair.key) || !reservedNames.has(String(pair.key.value))) return;
      const offset = pair.key.range?.[0] ?? 0;
      problems.push({
        location: source.locationOf(offset),
        message: `"${String(pair.key.value)}" cannot be used as a name: it has a special meaning in JavaScript objects and would be lost or misread`,
        hint: 'rename it (e.g. proto, builder)',
      });
    },
  });
  return problems;
}

/**
 * A snapshot path without {period}: every period would read the same file, and each report show no
 * change. In a list of paths tried in order, each item is checked, at its own line: one without
 * {period} would be read for every period that the items before it do not cover.
 */
export function periodPlaceholderProblems(input: unknown, source: YamlSource): Problem[] {
  const snapshots = isRecord(input) ? input.snapshots : undefined;
  const given = isRecord(snapshots) ? snapshots.path : undefined;
  const items = typeof given === 'string' ? [given] : Array.isArray(given) ? given : [];
  return items.flatMap((pattern, index): Problem[] => {
    if (typeof pattern !== 'string' || pattern.includes('{period}')) return [];
    const { dir, ext } = splitPath(pattern);
    const listed = Array.isArray(given);
    return [
      {
        location: source.locate(listed ? ['snapshots', 'path', index] : ['snapshots', 'path']),
        message: `snapshots.path${listed ? `[${index}]` : ''} has no {period}, so every period would read the same file and report no change`,
        value: pattern,
        expected: 'a path with {period} where the month goes',
        hint: `name each month's file by its period, e.g. ${dir}{period}${ext} for ${dir}2024-05${ext}`,
      },
    ];
  });
}

function splitPath(pattern: string): { dir: string; ext: string } {
  const slash = pattern.lastIndexOf('/') + 1;
  const name = pattern.slice(slash);
  const dot = name.lastIndexOf('.');
  return { dir: pattern.slice(0, slash), ext: dot > 0 ? name.slice(dot) : '' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isMap(value);
}

/**
 * The cross-checks (field names, enum values, metric ids) of the sections
 * that parse, when another section does not: a misspelt key in `periods`
 * must not hide a misspelt field name in `metrics`. A section that fails the
 * schema is left to the schema's own message.
 */
export function crossCheckWhatParses(input: unknown, source: YamlSource): Problem[] {
  if (!isRecord(input)) return [];
  const shape = reportDefinition.shape;
  const snapshots = shape.snapshots.safeParse(input.snapshots);
  if (!snapshots.success) return [];
  const metrics = shape.metrics.safeParse(input.metrics);
  const events = shape.events.safeParse(input.events);
  const checks = shape.checks.safeParse(input.checks);
  const periods = shape.periods.safeParse(input.periods);
  const partial = {
    snapshots: snapshots.data,
    metrics: metrics.success ? metrics.data : {},
    events: events.success ? events.data : {},
    // Checks name metrics: without the metrics, every one would look unknown.
    checks: metrics.success && checks.success ? checks.data : {},
    periods: periods.success ? periods.data : { first: '1000-01' },
  };
  return crossCheck(partial as unknown as ReportDefinition, source);
}

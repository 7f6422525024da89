/**
 * Declared checks over a period's metrics (metrics.json): each passes or
 * fails with a sentence a person can read.
 */
import type { CheckSpec } from '../config/types.js';
import type { GroupCounts, MetricValue, PeriodMetrics } from '../metrics/types.js';
import { formatNumber as n } from '../render/format.js';
import type { CheckResult } from './types.js';

export function runChecks(checks: readonly CheckSpec[], metrics: PeriodMetrics): CheckResult[] {
  return checks.map((check) => {
    const { pass, message, rule } = evaluate(check, metrics);
    return { id: check.id, label: check.label ?? rule, severity: check.severity, status: pass ? 'pass' : 'fail', message };
  });
}

interface Outcome {
  pass: boolean;
  message: string;
  /** The rule in words: the label when none is declared. */
  rule: string;
}

function evaluate(check: CheckSpec, metrics: PeriodMetrics): Outcome {
  const id = check.metric;
  const metric = metrics.metrics[id]!;
  if (check.sumEquals !== undefined) {
    const sum = Object.values(metric.value as GroupCounts).reduce((a, b) => a + b, 0);
    const target = single(metrics.metrics[check.sumEquals]!);
    const rule = `${id} adds up to ${check.sumEquals}`;
    return sum === target
      ? { pass: true, rule, message: `the groups of ${id} add up to ${n(sum)}, as ${check.sumEquals} is` }
      : { pass: false, rule, message: `the groups of ${id} add up to ${n(sum)}, but ${check.sumEquals} is ${n(target)}` };
  }
  const value = single(metric);
  const prior = metric.prior as number | null;
  if (check.equals !== undefined) {
    if (typeof check.equals === 'number') {
      const rule = `${id} is ${n(check.equals)}`;
      return value === check.equals
        ? { pass: true, rule, message: `${id} is ${n(value)}, as expected` }
        : { pass: false, rule, message: `${id} is ${n(value)}, expected ${n(check.equals)}` };
    }
    const other = single(metrics.metrics[check.equals]!);
    const rule = `${id} equals ${check.equals}`;
    return value === other
      ? { pass: true, rule, message: `${id} and ${check.equals} are both ${n(value)}` }
      : { pass: false, rule, message: `${id} is ${n(value)} but ${check.equals} is ${n(other)}` };
  }
  if (check.between !== undefined) {
    const [low, high] = check.between;
    const rule = `${id} is between ${n(low)} and ${n(high)}`;
    return value >= low && value <= high
      ? { pass: true, rule, message: `${id} is ${n(value)}, within ${n(low)}–${n(high)}` }
      : { pass: false, rule, message: `${id} is ${n(value)}, outside ${n(low)}–${n(high)}` };
  }
  if (check.trend !== undefined) {
    const rises = check.trend === 'nonDecreasing';
    const rule = `${id} never ${rises ? 'falls' : 'rises'}`;
    if (prior === null) return { pass: true, rule, message: `${id} is ${n(value)}; there is no prior period to compare with` };
    const moved = value === prior ? `stayed at ${n(value)}` : `${value < prior ? 'fell' : 'rose'} from ${n(prior)} to ${n(value)}`;
    return { pass: rises ? value >= prior : value <= prior, rule, message: `${id} ${moved}` };
  }
  return maxChange(check, id, value, prior);
}

function maxChange(check: CheckSpec, id: string, value: number, prior: number | null): Outcome {
  const limits = [
    ...(check.maxChange !== undefined ? [`${n(check.maxChange)}`] : []),
    ...(check.maxChangePercent !== undefined ? [`${n(check.maxChangePercent)}%`] : []),
  ];
  const rule = `${id} moves by at most ${limits.join(' and ')}`;
  if (prior === null) return { pass: true, rule, message: `${id} is ${n(value)}; there is no prior period to compare with` };
  const change = Math.abs(value - prior);
  const moved = `${id} moved by ${n(change)} (from ${n(prior)} to ${n(value)})`;
  if (check.maxChange !== undefined && change > check.maxChange) {
    return { pass: false, rule, message: `${moved}, more than ${n(check.maxChange)}` };
  }
  if (check.maxChangePercent !== undefined) {
    // From zero, any change is an unbounded percentage.
    const percent = prior === 0 ? (change === 0 ? 0 : Infinity) : (change / Math.abs(prior)) * 100;
    if (percent > check.maxChangePercent) {
      const shown = Number.isFinite(percent) ? `${n(Math.round(percent * 10) / 10)}%` : 'from zero';
      return { pass: false, rule, message: `${moved}, ${shown}, more than ${n(check.maxChangePercent)}%` };
    }
  }
  return { pass: true, rule, message: `${moved}, within ${limits.join(' and ')}` };
}

/** An ungrouped metric's value (the config's cross-check guarantees it is one). */
function single(metric: MetricValue): number {
  return metric.value as number;
}

/**
 * Compiles a declared filter into a predicate over a record's values.
 * Compiled once per snapshot, run once per record: the hot path of metrics.
 */
import type { Filter } from '../config/schema.js';
import type { FieldSpec, Value } from '../snapshots/types.js';

export type RecordPredicate = (values: readonly Value[]) => boolean;

/** The period a filter is evaluated in, for `withinPeriod`. */
export interface FilterContext {
  fields: readonly FieldSpec[];
  periodStart: string;
  periodEnd: string;
}

export function compileFilter(filter: Filter | undefined, context: FilterContext): RecordPredicate {
  if (!filter) return () => true;
  if (filter.all) {
    const parts = filter.all.map((f) => compileFilter(f, context));
    return (values) => parts.every((p) => p(values));
  }
  if (filter.any) {
    const parts = filter.any.map((f) => compileFilter(f, context));
    return (values) => parts.some((p) => p(values));
  }
  if (filter.not) {
    const inner = compileFilter(filter.not, context);
    return (values) => !inner(values);
  }
  const { index, test } = compileCondition(filter, context);
  return (values) => test(values[index] ?? null);
}

/** One field's condition: the field's position and a test of its value. */
export interface FieldCondition {
  index: number;
  test: (value: Value) => boolean;
}

/** Compiles a filter that is a field with one operator (not all/any/not). */
export function compileCondition(filter: Filter, context: FilterContext): FieldCondition {
  const index = context.fields.findIndex((f) => f.name === filter.field);
  // Config validation guarantees the field exists; a miss here is a bug.
  if (index < 0) throw new Error(`filter names unknown field ${String(filter.field)}`);
  return { index, test: valueTest(filter, context) };
}

function valueTest(filter: Filter, context: FilterContext): (v: Value) => boolean {
  if (filter.present) return (v) => v !== null;
  if (filter.absent) return (v) => v === null;
  if (filter.equals !== undefined) {
    const wanted = filter.equals;
    return (v) => v === wanted;
  }
  if (filter.notEquals !== undefined) {
    const unwanted = filter.notEquals;
    return (v) => v !== null && v !== unwanted;
  }
  if (filter.in) {
    const set = new Set<Value>(filter.in);
    return (v) => set.has(v);
  }
  if (filter.notIn) {
    const set = new Set<Value>(filter.notIn);
    return (v) => v !== null && !set.has(v);
  }
  if (filter.withinPeriod) {
    const { periodStart, periodEnd } = context;
    return (v) => typeof v === 'string' && v >= periodStart && v <= periodEnd;
  }
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    const bound = filter[op];
    if (bound === undefined) continue;
    const test = comparator(op);
    // Dates are ISO text and numbers are numbers: both compare with < and >.
    return (v) => v !== null && typeof v === typeof bound && test(v as never, bound as never);
  }
  throw new Error('filter has no operator');
}

function comparator(op: 'gt' | 'gte' | 'lt' | 'lte'): (a: number | string, b: number | string) => boolean {
  switch (op) {
    case 'gt':
      return (a, b) => a > b;
    case 'gte':
      return (a, b) => a >= b;
    case 'lt':
      return (a, b) => a < b;
    case 'lte':
      return (a, b) => a <= b;
  }
}

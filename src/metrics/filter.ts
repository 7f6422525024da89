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
  const index = context.fields.findIndex((f) => f.name === filter.field);
  // Config validation guarantees the field exists; a miss here is a bug.
  if (index < 0) throw new Error(`filter names unknown field ${String(filter.field)}`);
  const at = (values: readonly Value[]) => values[index] ?? null;

  if (filter.present) return (values) => at(values) !== null;
  if (filter.absent) return (values) => at(values) === null;
  if (filter.equals !== undefined) {
    const wanted = filter.equals;
    return (values) => at(values) === wanted;
  }
  if (filter.notEquals !== undefined) {
    const unwanted = filter.notEquals;
    return (values) => {
      const v = at(values);
      return v !== null && v !== unwanted;
    };
  }
  if (filter.in) {
    const set = new Set<Value>(filter.in);
    return (values) => set.has(at(values));
  }
  if (filter.notIn) {
    const set = new Set<Value>(filter.notIn);
    return (values) => {
      const v = at(values);
      return v !== null && !set.has(v);
    };
  }
  if (filter.withinPeriod) {
    const { periodStart, periodEnd } = context;
    return (values) => {
      const v = at(values);
      return typeof v === 'string' && v >= periodStart && v <= periodEnd;
    };
  }
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    const bound = filter[op];
    if (bound === undefined) continue;
    const test = comparator(op);
    // Dates are ISO text and numbers are numbers: both compare with < and >.
    return (values) => {
      const v = at(values);
      return v !== null && typeof v === typeof bound && test(v as never, bound as never);
    };
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

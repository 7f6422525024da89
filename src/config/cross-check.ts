/**
 * Checks the schema cannot express: that metrics, events and the key name
 * declared fields, and that operators and values suit each field's type.
 */
import { showInvisibles, type Problem } from '../errors.js';
import { closest } from '../snapshots/did-you-mean.js';
import { isIsoDate } from './periods.js';
import type { FieldDefinition, Filter, ReportDefinition, Scalar } from './schema.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

export function crossCheck(definition: ReportDefinition, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const fields = definition.snapshots.fields;
  const names = Object.keys(fields);
  const at = (path: YamlPath, key = false) => source.locate(path, { key });

  const fieldNamed = (name: string, path: YamlPath): FieldDefinition | undefined => {
    const field = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
    if (!field) {
      const suggestion = closest(name, names);
      problems.push({
        location: at(path),
        message: `unknown field ${showInvisibles(JSON.stringify(name))}`,
        expected: `a field declared under snapshots.fields (${names.join(', ')})`,
        hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
      });
    }
    return field;
  };

  for (const [name, field] of Object.entries(fields)) {
    const path = ['snapshots', 'fields', name];
    if (field.type === 'enum' && !field.values) {
      problems.push({ location: at(path), message: `enum field "${name}" has no values`, hint: 'list the allowed values under values:' });
    }
    if (field.type !== 'enum' && field.values) {
      problems.push({ location: at([...path, 'values'], true), message: `values only apply to enum fields; "${name}" is ${field.type}` });
    }
    if (field.type !== 'number' && field.decimal) {
      problems.push({ location: at([...path, 'decimal'], true), message: `decimal only applies to number fields; "${name}" is ${field.type}` });
    }
    if (field.type !== 'date' && field.formats) {
      problems.push({ location: at([...path, 'formats'], true), message: `formats only apply to date fields; "${name}" is ${field.type}` });
    }
  }

  fieldNamed(definition.snapshots.key, ['snapshots', 'key']);

  const checkValue = (value: Scalar, field: FieldDefinition, fieldName: string, path: YamlPath) => {
    if (value === null) return;
    const expected = expectedValue(field);
    const ok =
      field.type === 'enum'
        ? typeof value === 'string' && field.values?.includes(value)
        : field.type === 'integer'
          ? Number.isInteger(value)
          : field.type === 'number'
            ? typeof value === 'number'
            : field.type === 'boolean'
              ? typeof value === 'boolean'
              : field.type === 'date'
                ? typeof value === 'string' && isIsoDate(value)
                : typeof value === 'string';
    if (!ok) {
      const suggestion = field.type === 'enum' && typeof value === 'string' ? closest(value, field.values ?? []) : undefined;
      problems.push({
        location: at(path),
        message: `value does not suit field "${fieldName}" (${field.type})`,
        value,
        expected,
        hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
      });
    }
  };

  const checkFilter = (filter: Filter, path: YamlPath) => {
    filter.all?.forEach((f, i) => checkFilter(f, [...path, 'all', i]));
    filter.any?.forEach((f, i) => checkFilter(f, [...path, 'any', i]));
    if (filter.not) checkFilter(filter.not, [...path, 'not']);
    if (filter.field === undefined) return;
    const field = fieldNamed(filter.field, [...path, 'field']);
    if (!field) return;
    for (const op of ['equals', 'notEquals'] as const) {
      const value = filter[op];
      if (value !== undefined) checkValue(value, field, filter.field, [...path, op]);
    }
    for (const op of ['in', 'notIn'] as const) {
      filter[op]?.forEach((value, i) => checkValue(value, field, filter.field!, [...path, op, i]));
    }
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      const bound = filter[op];
      if (bound === undefined) continue;
      if (!['integer', 'number', 'date'].includes(field.type)) {
        problems.push({
          location: at([...path, op], true),
          message: `"${op}" compares numbers or dates; field "${filter.field}" is ${field.type}`,
        });
      } else checkValue(bound, field, filter.field, [...path, op]);
    }
    if (filter.withinPeriod && field.type !== 'date') {
      problems.push({
        location: at([...path, 'withinPeriod'], true),
        message: `"withinPeriod" needs a date field; field "${filter.field}" is ${field.type}`,
      });
    }
  };

  for (const [id, metric] of Object.entries(definition.metrics)) {
    const path = ['metrics', id];
    if (metric.where) checkFilter(metric.where, [...path, 'where']);
    if (metric.groupBy !== undefined) fieldNamed(metric.groupBy, [...path, 'groupBy']);
    for (const key of ['top', 'others'] as const) {
      if (metric[key] !== undefined && metric.groupBy === undefined) {
        problems.push({ location: at([...path, key], true), message: `"${key}" needs groupBy in metric "${id}"` });
      }
    }
  }

  for (const [id, event] of Object.entries(definition.events)) {
    const path = ['events', id];
    const field = fieldNamed(event.field, [...path, 'field']);
    if (event.where) checkFilter(event.where, [...path, 'where']);
    if (!field) continue;
    for (const end of ['from', 'to'] as const) {
      const value = event[end];
      if (value === undefined) continue;
      const list = Array.isArray(value) ? value : [value];
      list.forEach((v, i) => checkValue(v, field, event.field, Array.isArray(value) ? [...path, end, i] : [...path, end]));
    }
  }

  problems.push(...checkProblems(definition, at));

  const { first, last } = definition.periods;
  if (last !== undefined && last < first) {
    problems.push({ location: at(['periods', 'last']), message: 'the last period comes before the first', value: last, expected: `${first} or later` });
  }
  return problems;
}

/**
 * A check names a declared metric, and its rule suits the metric: equals, trend,
 * maxChange and between read one number (an ungrouped metric); sumEquals adds a
 * grouped metric's groups and compares them with an ungrouped one.
 */
function checkProblems(definition: ReportDefinition, at: (path: YamlPath, key?: boolean) => ReturnType<YamlSource['locate']>): Problem[] {
  const problems: Problem[] = [];
  const metrics = definition.metrics;
  const ids = Object.keys(metrics);
  const grouped = (id: string) => metrics[id]?.groupBy !== undefined;
  const metricNamed = (id: string, path: YamlPath): boolean => {
    if (Object.prototype.hasOwnProperty.call(metrics, id)) return true;
    const suggestion = closest(id, ids);
    problems.push({
      location: at(path),
      message: `unknown metric "${id}"`,
      expected: `a metric declared under metrics (${ids.join(', ')})`,
      hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
    });
    return false;
  };
  for (const [id, check] of Object.entries(definition.checks ?? {})) {
    const path = ['checks', id];
    if (!metricNamed(check.metric, [...path, 'metric'])) continue;
    if (check.sumEquals !== undefined) {
      if (!grouped(check.metric)) {
        problems.push({
          location: at([...path, 'sumEquals'], true),
          message: `sumEquals adds up the groups of a grouped metric; metric "${check.metric}" has no groupBy`,
          hint: 'to compare two ungrouped metrics, use equals: <metricId>',
        });
      }
      if (metricNamed(check.sumEquals, [...path, 'sumEquals']) && grouped(check.sumEquals)) {
        problems.push({ location: at([...path, 'sumEquals']), message: `sumEquals compares with an ungrouped metric; "${check.sumEquals}" is grouped` });
      }
      continue;
    }
    const rule = (['equals', 'trend', 'maxChange', 'maxChangePercent', 'between'] as const).find((r) => check[r] !== undefined);
    if (rule && grouped(check.metric)) {
      problems.push({
        location: at([...path, rule], true),
        message: `"${rule}" checks one figure; metric "${check.metric}" is grouped (by ${metrics[check.metric]!.groupBy})`,
        hint: 'check a grouped metric with sumEquals, or check an ungrouped metric',
      });
    }
    if (typeof check.equals === 'string' && metricNamed(check.equals, [...path, 'equals']) && grouped(check.equals)) {
      problems.push({ location: at([...path, 'equals']), message: `equals compares with an ungrouped metric; "${check.equals}" is grouped` });
    }
  }
  return problems;
}

function expectedValue(field: FieldDefinition): string {
  switch (field.type) {
    case 'enum':
      return `one of ${(field.values ?? []).join(', ')}`;
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'date':
      return 'a date as YYYY-MM-DD';
    default:
      return 'a text';
  }
}

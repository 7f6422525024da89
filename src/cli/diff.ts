/** `court-report diff`: a period's snapshot against the prior one, as a table or as diff.json. */
import { loadConfigCached as loadConfig } from '../config/cached.js';
import { periodOf, previousMonth } from '../config/periods.js';
import { diffCsvFiles } from '../diff/stream/index.js';
import type { PeriodDiff } from '../diff/types.js';
import { checkPeriod } from '../pipeline.js';
import { loadSnapshot, locateSnapshotFile } from '../snapshots/load.js';
import { diffSnapshotsPausing } from '../diff/diff.js';
import type { ResolvedConfig } from '../config/types.js';
import { publicDiff } from '../privacy/mask.js';
import { startLoaderThreads } from '../snapshots/csv-off-thread.js';
import { asOfOption, parseCommand, periodOption, requireOption } from './options.js';
import { debuglog } from 'node:util';

/** NODE_DEBUG=court-report-diff says when each part of the command ended (ms since the process started). */
const debug = debuglog('court-report-diff');
const mark = (what: string) => debug('%s by %d ms', what, Math.round(performance.now()));

const usage = `Usage: court-report diff --config FILE --period YYYY-MM [--json]

Compares a period's snapshot with the prior period's: records added, removed
and changed, per-field changes and value transitions, and configured events.

Options:
  -c, --config FILE    the report definition (YAML)
  -p, --period YYYY-MM the period
  --json               print the same JSON as diff.json; a problem with the inputs as
                       { ok: false, context, problems: [{ file, line, column, message, hint }] }
  --as-of YYYY-MM-DD   reject periods whose snapshot day is after this date (default: today)
  --debug              show stack traces
  --help               this text`;

export async function run(args: string[]): Promise<void> {
  const values = parseCommand(
    args,
    {
      config: { type: 'string' },
      period: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      'as-of': { type: 'string' },
    },
    usage,
  );
  if (!values) return;
  const configFile = requireOption(values.config, 'config', usage);
  const period = periodOption(values.period, usage);
  const asOf = asOfOption(values['as-of'], usage);
  // The two snapshots' loader threads start while the config is read (they wait unused for small files).
  startLoaderThreads(2);
  const cwd = process.cwd();
  const config = await loadConfig(configFile, { cwd });
  checkPeriod(config, period, asOf);
  mark('config read');
  const priorId = period > config.periods.first ? previousMonth(period) : null;
  const { start, end } = periodOf(period, config.periods);
  // Streams CSV snapshots (fast at any size, the same result as diffSnapshots); other formats and queries are loaded.
  const diff = config.snapshots.sql
    ? await diffQueries(config, period, priorId, start, end, cwd)
    : await diffCsvFiles({
        source: config.snapshots,
        currentFile: locateSnapshotFile(config.snapshots, period, cwd),
        priorFile: priorId ? locateSnapshotFile(config.snapshots, priorId, cwd) : null,
        period,
        priorPeriod: priorId,
        events: config.events,
        periodStart: start,
        periodEnd: end,
        displayBase: cwd,
      });
  mark('diffed');
  const labels = new Map(config.snapshots.fields.map((f) => [f.name, f.label]));
  const eventLabels = new Map(config.events.map((e) => [e.id, e.label]));
  const shown = publicDiff(diff, config.snapshots.fields, config.snapshots.key, config.output.maskVisible);
  mark('masked');
  const personal = new Set(config.snapshots.fields.filter((f) => f.pii).map((f) => f.name));
  process.stdout.write(values.json ? JSON.stringify(shown, null, 2) + '\n' : formatDiff(shown, labels, eventLabels, personal));
  mark('written');
}

async function diffQueries(config: ResolvedConfig, period: string, priorId: string | null, periodStart: string, periodEnd: string, cwd: string): Promise<PeriodDiff> {
  const current = await loadSnapshot(config.snapshots, period, { displayBase: cwd });
  const prior = priorId ? await loadSnapshot(config.snapshots, priorId, { displayBase: cwd }) : null;
  return diffSnapshotsPausing({ current, prior, events: config.events, periodStart, periodEnd });
}

export function formatDiff(diff: PeriodDiff, fieldLabels: Map<string, string>, eventLabels: Map<string, string>, personal: ReadonlySet<string> = new Set()): string {
  const out: string[] = [];
  out.push(`${diff.period} against ${diff.priorPeriod ?? '(no prior period: every record is new)'}`);
  out.push('');
  const { added, removed, changed, unchanged } = diff.counts;
  out.push(table(['records', 'count'], [['added', added], ['removed', removed], ['changed', changed], ['unchanged', unchanged]]));
  out.push('');
  const fieldRows = Object.entries(diff.fields).map(([name, f]) => {
    const detail = f.transitions
      ? f.transitions.slice(0, 3).map((t) => `${show(t.from)} → ${show(t.to)} ${t.count}`).join('; ') + (f.transitions.length > 3 ? `; +${f.transitions.length - 3} more` : '')
      : f.set !== undefined
        ? `set ${f.set}, cleared ${f.cleared ?? 0}, moved ${f.moved ?? 0}`
        : personal.has(name)
          ? 'personal data: values not listed'
          : '';
    return [fieldLabels.get(name) ?? name, f.changed, detail];
  });
  out.push(table(['field', 'changed', 'detail'], fieldRows));
  if (Object.keys(diff.events).length > 0) {
    out.push('');
    out.push(table(['event', 'count'], Object.entries(diff.events).map(([id, count]) => [eventLabels.get(id) ?? id, count])));
  }
  return out.join('\n') + '\n';
}

function show(value: unknown): string {
  return value === null ? '(empty)' : String(value);
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (typeof rows[0]?.[i] === 'number' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

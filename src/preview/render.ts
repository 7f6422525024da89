/**
 * One render of the previewed period: the report, by the same stages as a
 * build (config, templates, snapshots, the personal-data check), and its
 * review, by the review command's own entry (reviewDocument), both in memory,
 * with problems formatted exactly as the command line prints them.
 */
import path from 'node:path';
import { inspectConfig } from '../config/load.js';
import { latestPeriod } from '../config/periods.js';
import type { ResolvedConfig } from '../config/types.js';
import { formatProblem, UserError } from '../errors.js';
import { checkPeriod, renderPeriod } from '../pipeline.js';
import { assertNoPersonalData, personalDataOf } from '../privacy/scan.js';
import { compileTemplates } from '../render/engine.js';
import { reviewDocument } from '../review-build.js';
import { SnapshotStore } from '../snapshot-store.js';

/** The review page of the period, or why it cannot be shown. */
export type ReviewPreview = { ok: true; html: string; failures: number } | { ok: false; error: string };

/** The report of the period, or why it cannot be shown, with the folders to watch either way. */
export type ReportPreview =
  | { ok: true; period: string; html: string; watch: string[] }
  | { ok: false; error: string; watch: string[] };

/** A render: the report at once, the review after it (it costs more, and the report is what is being edited). */
export interface PreviewRender {
  report: ReportPreview;
  review: () => Promise<ReviewPreview>;
}

export interface PreviewInput {
  /** The report definition, absolute. */
  configFile: string;
  /** The period to show; default: the latest as of `asOf`. */
  period?: string;
  asOf: string;
  cwd: string;
}

export async function renderPreview(input: PreviewInput): Promise<PreviewRender> {
  // Whatever breaks, the config's folder is watched, so fixing it re-renders.
  const watch = new Set<string>([path.dirname(input.configFile)]);
  try {
    const inspection = await inspectConfig(input.configFile, { cwd: input.cwd });
    const config = inspection.config;
    if (!config) throw new UserError(inspection.problems);
    watch.add(config.template.dir);
    watch.add(path.dirname(config.template.body));
    for (const pattern of config.snapshots.pathPatterns) watch.add(path.dirname(pattern));
    const period = input.period ?? latestPeriod(config.periods, input.asOf);
    if (!period) throw new UserError({ message: `no period has ended by ${input.asOf}`, hint: `the first period is ${config.periods.first}; give --period` });
    checkPeriod(config, period, input.asOf);
    const templates = await compileTemplates(config.template, { displayBase: input.cwd });
    for (const file of templates.files) watch.add(path.dirname(file));
    const store = new SnapshotStore(config, input.cwd);
    const rendered = await renderPeriod(period, { config, asOf: input.asOf, final: false }, store, templates);
    // The preview shows only what a build would write.
    assertNoPersonalData([{ name: 'report.html', text: rendered.html }], personalDataOf(rendered.snapshots, config), { maskVisible: config.output.maskVisible });
    // The review reads the snapshots the report already read.
    return { report: { ok: true, period, html: rendered.html, watch: [...watch] }, review: () => renderReview(config, period, input, store) };
  } catch (error) {
    const problem = shownProblem(error);
    // The review is of the same report: what stops the report stops it too.
    return { report: { ok: false, error: problem, watch: [...watch] }, review: async () => ({ ok: false, error: problem }) };
  }
}

/** The review as `court-report review` would write review.html; a problem only it has (an unreadable filed report) is its own. */
async function renderReview(config: ResolvedConfig, period: string, input: PreviewInput, store: SnapshotStore): Promise<ReviewPreview> {
  try {
    const document = await reviewDocument({ config, period, asOf: input.asOf, cwd: input.cwd, store });
    assertNoPersonalData([{ name: 'review.html', text: document.html }], personalDataOf(document.snapshots, config), { maskVisible: config.output.maskVisible });
    return { ok: true, html: document.html, failures: document.failures.length };
  } catch (error) {
    return { ok: false, error: shownProblem(error) };
  }
}

/** A user error as the command line prints it; anything else is a bug and goes up. */
function shownProblem(error: unknown): string {
  if (!(error instanceof UserError)) throw error;
  return [...error.context.map((c) => `error ${c}:`), ...error.problems.map(formatProblem)].join('\n');
}

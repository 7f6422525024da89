/**
 * One render of the previewed report: the same stages as a build (config,
 * templates, snapshots, the personal-data check), in memory, with the
 * problems formatted exactly as the command line prints them.
 */
import path from 'node:path';
import { inspectConfig } from '../config/load.js';
import { latestPeriod } from '../config/periods.js';
import { formatProblem, UserError } from '../errors.js';
import { checkPeriod, renderPeriod } from '../pipeline.js';
import { assertNoPersonalData, personalDataOf } from '../privacy/scan.js';
import { compileTemplates } from '../render/engine.js';
import { SnapshotStore } from '../snapshot-store.js';

export type PreviewRender =
  | { ok: true; period: string; html: string; watch: string[] }
  | { ok: false; error: string; watch: string[] };

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
    return { ok: true, period, html: rendered.html, watch: [...watch] };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const lines = [...error.context.map((c) => `error ${c}:`), ...error.problems.map(formatProblem)];
    return { ok: false, error: lines.join('\n'), watch: [...watch] };
  }
}

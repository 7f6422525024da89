/**
 * `court-report review` end to end: renders the period as it would be filed,
 * reviews it against its snapshots and the earlier filed reports, and writes
 * DIR/<period>/review/ — never part of the filing, never in its manifest.
 */
import path from 'node:path';
import { isMonthId } from './config/periods.js';
import type { ResolvedConfig } from './config/types.js';
import { CountCache, defaultCacheDir } from './metrics/count-cache.js';
import { writeOutputs } from './output/atomic.js';
import { checkPeriod, renderPeriod } from './pipeline.js';
import { assertNoPii, piiIndex } from './privacy/scan.js';
import { compileTemplates } from './render/engine.js';
import { earlierFiled, earlierRestatements } from './review-context.js';
import { reviewPeriod, type ReviewOutcome } from './review/index.js';
import { SnapshotStore } from './snapshot-store.js';
import { CODE_VERSION } from './version.js';

export interface ReviewOptions {
  config: ResolvedConfig;
  period: string;
  /** The filing date, YYYY-MM-DD. */
  asOf: string;
  /** Output folder; default config.output.dir. The review goes to <outDir>/<period>/review/. */
  outDir?: string;
  /** Base for paths in messages. */
  cwd?: string;
}

export interface ReviewResult extends ReviewOutcome {
  dir: string;
  files: string[];
}

/** The folder of a period's review, inside the period's folder but outside the filing. */
export const REVIEW_DIR = 'review';

export async function reviewReport(options: ReviewOptions): Promise<ReviewResult> {
  const { config, period } = options;
  const cwd = options.cwd ?? process.cwd();
  const outDir = options.outDir ?? config.output.dir;
  checkPeriod(config, period, options.asOf);
  const store = new SnapshotStore(config, cwd, new CountCache(defaultCacheDir(), config, CODE_VERSION));
  const templates = await compileTemplates(config.template, { displayBase: cwd });
  const filed = await earlierFiled(config, period, outDir);
  const restatements = await earlierRestatements(config, filed, store);
  // Reviewed as it would be filed: the final text, without the DRAFT watermark.
  const rendered = await renderPeriod(period, { config, asOf: options.asOf, final: true, restatements }, store, templates);
  const [current, prior] = rendered.snapshots;
  const outcome = reviewPeriod({
    config,
    period: rendered.period,
    priorPeriod: rendered.priorPeriod,
    current: current!,
    prior: prior ?? null,
    metrics: rendered.metrics,
    restatements,
  });

  const reviewJson = JSON.stringify(outcome.review, null, 2) + '\n';
  const files: Record<string, string | Uint8Array> = { 'review.json': reviewJson };
  // Review outputs go to a supervisor, not the court, but personal data stays masked in them too.
  const indexes = rendered.snapshots.map(piiIndex);
  for (const text of Object.values(files)) if (typeof text === 'string') assertNoPii(text, indexes, config.output.maskVisible);
  const dir = path.join(outDir, period, REVIEW_DIR);
  const written = await writeOutputs(dir, files);
  return { ...outcome, dir, files: written };
}

/** `--against`: a period (its report.html in outDir) or a report.html file. */
export function againstFile(against: string, outDir: string, cwd: string): string {
  return isMonthId(against) ? path.join(outDir, against, 'report.html') : path.resolve(cwd, against);
}

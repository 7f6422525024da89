/**
 * What was filed before: the earlier periods with a final manifest in the
 * output folder, whether their snapshots changed since, and what they said
 * (metrics.json, report.html). Reads files; the comparison is restatements.ts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compareDigests, digestFile, readManifest, type Manifest } from '../output/manifest.js';
import type { PeriodMetrics } from '../metrics/types.js';

export interface FiledReport {
  period: string;
  /** The period's folder. */
  dir: string;
  manifest: Manifest;
}

/** The periods among `periods` that hold a final report in outDir, oldest first. */
export async function filedReports(outDir: string, periods: readonly string[]): Promise<FiledReport[]> {
  const found = await Promise.all(
    periods.map(async (period) => {
      const dir = path.join(outDir, period);
      const found = await readManifest(dir);
      // A damaged manifest says nothing review can compare with; build and verify refuse and report it.
      return found.state === 'filed' ? { period, dir, manifest: found.manifest } : null;
    }),
  );
  return found.filter((f): f is FiledReport => f !== null);
}

/** Whether any snapshot the filed report was built from has changed (or gone) since filing. */
export async function snapshotsChanged(filed: FiledReport, configDir: string): Promise<boolean> {
  const now = await Promise.all(
    filed.manifest.inputs.snapshots.map((d) =>
      digestFile(path.resolve(configDir, d.path), configDir).catch(() => ({ path: d.path, sha256: 'missing' })),
    ),
  );
  return compareDigests(filed.manifest.inputs.snapshots, now).length > 0;
}

/** The filed metrics.json, or null when it is gone or unreadable (verify reports that). */
export async function filedMetrics(filed: FiledReport): Promise<PeriodMetrics | null> {
  try {
    return JSON.parse(await readFile(path.join(filed.dir, 'metrics.json'), 'utf8')) as PeriodMetrics;
  } catch {
    return null;
  }
}

/** The filed report.html, or null when it is gone. */
export async function filedReportHtml(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

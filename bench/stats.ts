/** Summaries of repeated measurements: median, min–max, ratio of medians. */

export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  return { runs: values.length, median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Ratio of medians, `ours / theirs`. */
export function ratio(ours: Summary, theirs: Summary): number {
  return ours.median / theirs.median;
}

export function seconds(ms: number, digits = 2): string {
  return `${(ms / 1000).toFixed(digits)} s`;
}

export function range(summary: Summary, format: (value: number) => string = seconds): string {
  return `${format(summary.min)}–${format(summary.max)}`;
}

export function megabytes(kb: number): string {
  return `${Math.round(kb / 1024).toLocaleString('en-US')} MB`;
}

export function times(value: number): string {
  return `${value.toFixed(2)}×`;
}

/**
 * A line chart of headline figures across every period, drawn as SVG at build
 * time so the PDF needs no script. Filings are often printed or faxed in black
 * and white, so series differ by dash pattern and marker shape, not colour.
 */
import { formatMonth, formatNumber } from './format.js';
import type { HistoryPoint } from './types.js';

export interface ChartSeries {
  /** Metric id, a key of HistoryPoint.values. */
  id: string;
  /** Shown in the legend. */
  label: string;
}

export interface ChartOptions {
  /** Heading inside the chart, also its accessible name. */
  title: string;
}

const WIDTH = 640;
const PLOT = { left: 68, right: 624, top: 44, bottom: 264 };
const LEGEND_TOP = PLOT.bottom + 62;
const LEGEND_ROW = 24;
/** Past this many periods, month labels would collide: label every k-th. */
const MAX_X_LABELS = 14;

interface SeriesStyle {
  /** stroke-dasharray, or null for a solid line. */
  dash: string | null;
  marker: (x: number, y: number) => string;
}

const ink = 'stroke="#000" stroke-width="1.5"';
const STYLES: SeriesStyle[] = [
  { dash: null, marker: (x, y) => `<circle cx="${n(x)}" cy="${n(y)}" r="4.5" fill="#fff" ${ink}/>` },
  { dash: '9 5', marker: (x, y) => `<rect x="${n(x - 4)}" y="${n(y - 4)}" width="8" height="8" fill="#000" ${ink}/>` },
  { dash: '2 4', marker: (x, y) => polygon([[x, y - 5.5], [x + 5, y + 4], [x - 5, y + 4]], '#fff') },
  { dash: '12 4 2 4', marker: (x, y) => polygon([[x, y - 5.5], [x + 5.5, y], [x, y + 5.5], [x - 5.5, y]], '#000') },
  { dash: '6 3', marker: (x, y) => `<circle cx="${n(x)}" cy="${n(y)}" r="4.5" fill="#000" ${ink}/>` },
  { dash: '1 3', marker: (x, y) => `<rect x="${n(x - 4)}" y="${n(y - 4)}" width="8" height="8" fill="#fff" ${ink}/>` },
];

/** Coordinates rounded to 2 decimals, so the SVG text never shows float noise. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function polygon(points: Array<[number, number]>, fill: string): string {
  return `<polygon points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}" ${ink}/>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Round tick values from 0: steps of 1, 2 or 5 × 10^k, about four of them. */
export function yTicks(max: number): number[] {
  const rough = Math.max(max, 1) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= rough) ?? rough);
  const count = Math.max(1, Math.ceil(Math.max(max, 1) / step));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

export function trendChart(history: HistoryPoint[], series: ChartSeries[], options: ChartOptions): string {
  const values = series.flatMap((s) => history.map((point) => point.values[s.id]));
  const ticks = yTicks(Math.max(0, ...values.filter(isFigure)));
  const top = ticks[ticks.length - 1] ?? 1;
  const band = (PLOT.right - PLOT.left) / Math.max(history.length, 1);
  const xAt = (i: number) => PLOT.left + band * (i + 0.5);
  const yAt = (v: number) => PLOT.bottom - (v / top) * (PLOT.bottom - PLOT.top);
  const height = LEGEND_TOP + series.length * LEGEND_ROW;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 ${WIDTH} ${height}" ` +
      `role="img" aria-label="${escapeXml(options.title)}" font-family="Tinos, serif" font-size="16">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-weight="bold" font-size="17">${escapeXml(options.title)}</text>`,
  ];
  for (const tick of ticks) {
    const y = n(yAt(tick));
    parts.push(
      `<line x1="${PLOT.left}" y1="${y}" x2="${PLOT.right}" y2="${y}" stroke="#999" stroke-width="0.75"/>`,
      `<text x="${PLOT.left - 8}" y="${y}" dy="5" text-anchor="end">${formatNumber(tick)}</text>`,
    );
  }
  parts.push(`<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="#000" stroke-width="1"/>`);
  const every = Math.ceil(history.length / MAX_X_LABELS);
  history.forEach((point, i) => {
    if (i % every !== 0) return;
    const x = n(xAt(i));
    parts.push(`<text x="${x}" y="${PLOT.bottom + 22}" text-anchor="middle">${formatMonth(point.period.id, 'MMM')}</text>`);
    // The year under the first month and under each January, as on a calendar.
    if (i === 0 || point.period.id.endsWith('-01')) {
      parts.push(`<text x="${x}" y="${PLOT.bottom + 40}" text-anchor="middle">${formatMonth(point.period.id, 'yyyy')}</text>`);
    }
  });

  series.forEach((line, index) => {
    const style = STYLES[index % STYLES.length]!;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    const points = history.map((point, i) => {
      const value = point.values[line.id];
      return isFigure(value) ? { x: xAt(i), y: yAt(value) } : null;
    });
    // A period without the figure leaves a gap rather than a misleading straight line.
    const d = points
      .map((p, i) => (p ? `${points[i - 1] ? 'L' : 'M'}${n(p.x)} ${n(p.y)}` : ''))
      .filter(Boolean)
      .join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="#000" stroke-width="2"${dash}/>`);
    for (const p of points) if (p) parts.push(style.marker(p.x, p.y));

    const y = LEGEND_TOP + index * LEGEND_ROW;
    parts.push(
      `<line x1="${PLOT.left}" y1="${y}" x2="${PLOT.left + 44}" y2="${y}" stroke="#000" stroke-width="2"${dash}/>`,
      style.marker(PLOT.left + 22, y),
      `<text x="${PLOT.left + 56}" y="${y}" dy="5">${escapeXml(line.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function isFigure(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

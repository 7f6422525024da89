/**
 * A period's report.docx: the DOCX renderer fed from the compiled templates,
 * its charts drawn to PNG by a browser, and its text checked for personal
 * data like the HTML's.
 */
import type { DrawOptions, Printer } from './pdf/printer.js';
import { assertNoPersonalData, type PersonalData } from './privacy/scan.js';
import { displayPath } from './display-path.js';
import type { Problem } from './errors.js';
import { docxOverrideWarnings } from './render/docx/overrides.js';
import type { CompiledReport } from './render/engine.js';
import type { ReportView } from './render/types.js';

/**
 * The browser that draws charts for DOCX files, launched at the first chart
 * and closed by its owner. A browser of its own: the printing one runs
 * without the compositor thread, which a screenshot needs.
 */
export class ChartDrawer {
  private printer: Promise<Printer> | null = null;

  constructor(private readonly timeoutMs: number) {}

  async draw(html: string, options: DrawOptions): Promise<Uint8Array> {
    this.printer ??= import('./pdf/printer.js').then(({ Printer }) => Printer.launch({ screenshots: true, pages: 1, timeoutMs: this.timeoutMs }));
    return (await this.printer).drawPng(html, options);
  }

  async close(): Promise<void> {
    const printer = await this.printer?.catch(() => null);
    await printer?.close();
  }
}

export interface ReportDocxInput {
  view: ReportView;
  templates: CompiledReport;
  drawer: ChartDrawer;
  /** For messages: "florida-v-mayorkas 2024-05". */
  name: string;
  pii: readonly PersonalData[];
  maskVisible: number;
}

export async function reportDocx(input: ReportDocxInput): Promise<Uint8Array> {
  const { view, templates } = input;
  // Loaded only for a build that writes a DOCX: the docx and jszip libraries cost every other build 20-40 ms to load.
  const [{ renderDocx }, { docxOutput }] = await Promise.all([import('./render/docx/index.js'), import('./render/docx/paragraphs.js')]);
  const docx = await renderDocx({
    view,
    renderFragment: (partial) => templates.renderFragment(partial, view),
    changed: new Set(templates.changed),
    drawChart: (svg, size) => {
      const page = `<!doctype html><html><head><meta charset="utf-8"><style>${templates.fontFaces}
html, body { margin: 0; background: #fff; } svg { display: block; width: ${size.width}px; height: ${size.height}px; }</style></head><body>${svg}</body></html>`;
      return input.drawer.draw(page, { ...size, name: `the chart of ${input.name}`, assets: templates.printAssets });
    },
  });
  // The same check as the HTML's, on the document's own words; a refusal names the paragraph.
  assertNoPersonalData([docxOutput('report.docx', docx)], input.pii, { maskVisible: input.maskVisible });
  return docx.bytes;
}

/** What report.docx follows of template.dir's changes only in part, or not: told once a build (docx/overrides.ts). */
export function docxTemplateWarnings(templates: CompiledReport, cwd: string): Problem[] {
  const fileOf = (partial: string) => {
    const origin = templates.origins.find((o) => o.partial === partial);
    return origin ? displayPath(origin.file, cwd) : partial;
  };
  return docxOverrideWarnings(templates.changed, fileOf);
}

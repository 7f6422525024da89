/**
 * A template folder's changes in the DOCX. The frame's parts (caption,
 * title, signature, certificate, jurat) are laid out in Word from the view;
 * when template.dir changes the partial a part prints from, the DOCX takes
 * that partial's HTML instead, read as paragraphs, headings and tables like
 * the body. What Word cannot take from it (the CSS layout: columns, rules)
 * and the files the DOCX does not follow at all (the layout, the stylesheet,
 * the partials that order the parts) are named in a warning: never silent.
 */
import type { Problem } from '../../errors.js';
import type { CourtFormat } from '../../config/local-rules.js';

/** The frame's parts a template may override, and the partials each prints from. */
export type FramePart = 'caption' | 'title' | 'signature' | 'certificate' | 'jurat';

const FRAME_PARTIALS: Record<FramePart, (format: CourtFormat) => string[]> = {
  caption: (format) => ['caption', 'counsel-block', format.captionPartial],
  title: () => ['title'],
  signature: () => ['signature', 'co-counsel'],
  certificate: () => ['certificate'],
  jurat: () => ['jurat'],
};

/** The partial a part is rendered from when its own layout in code gives way to the template's. */
export const FRAME_ENTRY: Record<FramePart, string> = { caption: 'caption', title: 'title', signature: 'signature', certificate: 'certificate', jurat: 'jurat' };

/** The frame parts whose partials template.dir changes. */
export function overriddenParts(changed: ReadonlySet<string>, format: CourtFormat): Set<FramePart> {
  return new Set((Object.keys(FRAME_PARTIALS) as FramePart[]).filter((part) => FRAME_PARTIALS[part](format).some((name) => changed.has(name))));
}

/** Partials the DOCX reads as HTML whatever the template: followed as they are. */
const READ_AS_HTML = new Set(['opening', 'notice-recital', 'declarant-statement', 'metric-table', 'group-table']);
const FOLLOWED = new Set(['caption', 'caption-slash', 'caption-paren', 'caption-x-box', 'counsel-block', 'title', 'signature', 'co-counsel', 'certificate', 'jurat']);

/** One warning per changed file the DOCX follows only in part, or not at all. */
export function docxOverrideWarnings(changed: readonly string[], shownFile: (partial: string) => string): Problem[] {
  return changed.flatMap((name): Problem[] => {
    if (READ_AS_HTML.has(name)) return [];
    const file = name === 'layout' ? 'layout.hbs' : name === 'stylesheet' ? 'style.css' : `partials/${name}.hbs`;
    if (FOLLOWED.has(name)) {
      return [{
        location: { file: shownFile(name) },
        message: "report.docx prints this changed partial's words, paragraphs and tables, not its CSS layout (columns, rules, indents)",
        hint: 'check that part of report.docx in Word; a <table> lays side-by-side text out in Word too',
      }];
    }
    const what = name === 'stylesheet'
      ? 'report.docx takes its type, spacing and margins from output.format, not from style.css'
      : name === 'layout' || name === 'exhibit' ? `report.docx does not follow this changed ${file}: it lays out the document and its exhibits itself` : `report.docx does not follow this changed ${file}: its parts come in the bundled template's order, each from its own partial`;
    return [{ location: { file: shownFile(name) }, message: what, hint: 'the PDF and report.html follow it; edit report.docx in Word to match, or leave this file as bundled' }];
  });
}

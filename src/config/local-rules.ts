/**
 * Local rules as presets: every court-format setting and the caption's
 * layout, by district. A config's own output.format values override its
 * preset's, one by one. Each value's source is in the README's table.
 */
import type { FormatOptions } from './schema.js';

export const localRuleNames = ['nd-fla', 'nd-cal', 'sdny', 'ddc'] as const;
export type LocalRules = (typeof localRuleNames)[number];

/** How the caption is laid out: the partial caption-<style>.hbs of the template folder. */
export type CaptionStyle = 'slash' | 'paren' | 'x-box';

/** The court format as resolved: the preset, then the config's output.format on top. */
export type FormatSettings = { [K in keyof FormatOptions]-?: NonNullable<FormatOptions[K]> };

export interface CourtFormat extends FormatSettings {
  localRules: LocalRules;
  caption: CaptionStyle;
  /** The partial that lays the caption out: caption-<caption>. */
  captionPartial: string;
  /** "Case No." or "Civil Action No." before the number in the caption. */
  caseNumberLabel: string;
  /** Counsel's name, bar number, address, telephone, email and party at the top left of page 1 (N.D. Cal.). */
  counselOnFirstPage: boolean;
  /** The document's title and the case number in the footer (N.D. Cal.). */
  titleInFooter: boolean;
  /** Numbered lines per page on pleading paper; with lineNumbers, every line sits on one. */
  linesPerPage: number;
}

type Preset = Omit<CourtFormat, 'localRules' | 'captionPartial'>;

const common = { coCounsel: 'stacked', paper: 'Letter', marginInches: 1, runningHeader: true, lineNumbers: false, counselOnFirstPage: false, titleInFooter: false, linesPerPage: 28 } as const;

export const PRESETS: Record<LocalRules, Preset> = {
  'nd-fla': { ...common, fontSizePt: 14, lineSpacing: 2, caption: 'slash', caseNumberLabel: 'Case No.' },
  'nd-cal': {
    ...common,
    fontSizePt: 12,
    lineSpacing: 2,
    lineNumbers: true,
    runningHeader: false,
    caption: 'paren',
    caseNumberLabel: 'Case No.',
    counselOnFirstPage: true,
    titleInFooter: true,
  },
  sdny: { ...common, fontSizePt: 12, lineSpacing: 2, caption: 'x-box', caseNumberLabel: 'No.' },
  ddc: { ...common, fontSizePt: 12, lineSpacing: 2, caption: 'paren', caseNumberLabel: 'Civil Action No.' },
};

export function courtFormat(localRules: LocalRules, overrides: FormatOptions): CourtFormat {
  const preset = PRESETS[localRules];
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...preset, ...(given as Partial<FormatSettings>), localRules, captionPartial: `caption-${preset.caption}` };
}

const PAPER_HEIGHT_INCHES = { Letter: 11, Legal: 14, A4: 11.69 } as const;

/** Pleading paper's geometry: the fixed line pitch, and the bottom margin that leaves exactly linesPerPage lines. */
export interface PleadingGeometry {
  pitchPt: number;
  topInches: number;
  bottomInches: number;
  sideInches: number;
  lines: number[];
}

export function pleadingGeometry(format: CourtFormat): PleadingGeometry {
  const pitchPt = format.fontSizePt * format.lineSpacing;
  const bottomPt = PAPER_HEIGHT_INCHES[format.paper] * 72 - format.marginInches * 72 - format.linesPerPage * pitchPt;
  return {
    pitchPt,
    topInches: format.marginInches,
    bottomInches: Math.round((bottomPt / 72) * 10000) / 10000,
    sideInches: format.marginInches,
    lines: Array.from({ length: format.linesPerPage }, (_, i) => i + 1),
  };
}

/** Why pleading paper of these settings cannot be printed, or null. */
export function pleadingProblem(format: CourtFormat): string | null {
  if (!format.lineNumbers) return null;
  const { bottomInches, pitchPt } = pleadingGeometry(format);
  if (bottomInches >= 0.4) return null;
  return `${format.linesPerPage} lines of ${pitchPt} pt (fontSizePt × lineSpacing) leave a bottom margin of ${bottomInches.toFixed(2)} in on ${format.paper} paper with a ${format.marginInches} in top margin; the footer needs at least 0.4 in`;
}

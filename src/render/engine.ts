/**
 * Compiles a template folder once; renders a ReportView to one self-contained
 * HTML document as often as asked.
 *
 * A folder holds layout.hbs (the whole document), style.css (itself a
 * template, so the court format can come from view.format; included with
 * {{> stylesheet}}) and partials/*.hbs (each a partial named after its file).
 * The report's own numbered paragraphs, source.body, are the partial `body`.
 * A folder of the user's may hold only the files it changes: each file it
 * lacks comes from source.fallbackDir (the bundled template).
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { displayPath } from '../display-path.js';
import { ProblemList, UserError, type Problem } from '../errors.js';
import { fsUserError } from '../fs-errors.js';
import { inputLimits, readInputText } from '../input-file.js';
import type { PdfExhibitSource, TemplateSource } from '../config/types.js';
import { letterAppended, type AppendedExhibit } from './appended-exhibits.js';
import { bundledFonts, inlineAssets, type PrintAsset } from './fonts.js';
import { partialCycleProblems } from './partial-cycles.js';
import { parsedTemplates } from './parsed-templates.js';
import { bundledSpecs, type TemplateSpecification } from './precompiled-specs.js';
import { contentSecurityPolicy, tripleStashWarnings, withContentSecurityPolicy } from './page-safety.js';
import { registerHelpers, type Exhibit } from './helpers.js';
import { renderError, syntaxError, type TemplateFile } from './template-errors.js';
import { changedFromBundled } from './template-changes.js';
import { templateFiles, type TemplateFileOrigin } from './template-files.js';
import { undefinedNameProblems } from './template-names.js';
import type { ReportView } from './types.js';

export interface CompiledReport {
  /** The self-contained HTML document. Throws a UserError pointing at the template when the view does not fit it. */
  render(view: ReportView): string;
  /** The same document, and the same again with its assets by URL for the printer (which serves printAssets). */
  renderDocument(view: ReportView): RenderedDocument;
  /** One partial of the folder (the body, the opening, …) with the view, and the exhibits it declared: what the DOCX is written from. */
  renderFragment(name: string, view: ReportView): { html: string; exhibits: Array<{ letter: string; title: string; html: string }> };
  /** The @font-face rules of the bundled fonts, by their printAssets URLs (for pages the printer draws). */
  fontFaces: string;
  /** Things to tell the user that do not stop a build: each {{{ }}} in a template. */
  warnings: Problem[];
  /** Every template and asset file read, absolute (for watching). */
  files: string[];
  /** Each template file by its name in the folder, and which folder it was taken from. */
  origins: TemplateFileOrigin[];
  /** Partials (layout and stylesheet included) that template.dir changes from the bundled template's. */
  changed: string[];
  /** Files the rendered document loads by URL (the fonts), which the printer serves from memory; report.html has them inlined. */
  printAssets: PrintAsset[];
}

export interface RenderedDocument {
  /** Self-contained: fonts inlined as data: URLs. What report.html holds. */
  html: string;
  /** Fonts by their PrintAsset URLs: what is printed. Identical text otherwise. */
  printHtml: string;
  /** The PDF exhibits (template.exhibits) with their letters, to append to the printed PDF. */
  appendedExhibits: AppendedExhibit[];
}

/** Partial names the engine gives to files outside partials/. */
const RESERVED = ['layout', 'stylesheet', 'body'];

type Render = (context: unknown, options?: { data?: unknown }) => string;

/** Carries the innermost template a render error came from up through the partials that include it. */
class TemplateFailure extends Error {
  constructor(
    readonly template: TemplateFile,
    cause: unknown,
  ) {
    super(`render failed in ${template.file}`, { cause });
  }
}

export interface CompileOptions {
  /** Folder that template paths in messages are shown relative to. Default: the working directory. */
  displayBase?: string;
  /** Templates already compiled, by the SHA-256 of their text. Default: the bundled templates' (none outside the bundled command line). */
  precompiled?: ReadonlyMap<string, TemplateSpecification>;
}

export async function compileTemplates(source: TemplateSource, options: CompileOptions = {}): Promise<CompiledReport> {
  const base = options.displayBase ?? process.cwd();
  const shown = (file: string) => displayPath(file, base);
  const hbs = Handlebars.create();
  const fonts = await bundledFonts();
  registerHelpers(hbs, { fontFaces: fonts.css });

  const origins = await templateFiles(source);
  const entries = origins.map((origin) => ({ name: origin.partial, file: origin.file, rootContext: origin.rootContext }));
  const texts = await Promise.all(entries.map((entry) => readTemplate(entry.file, shown(entry.file), entry.name)));

  const problems = new ProblemList();
  const templates = new Map<string, TemplateFile>();
  const parsed = parsedTemplates(texts, Handlebars.VERSION);
  const trees: hbs.AST.Program[] = [];
  entries.forEach((entry, i) => {
    if (templates.has(entry.name)) {
      problems.add({
        location: { file: shown(entry.file) },
        message: `a partial may not be named ${entry.name}`,
        hint: `${RESERVED.join(', ')} are taken by layout.hbs, style.css and the report body; rename the file`,
      });
      return;
    }
    const text = texts[i] ?? '';
    try {
      // Parsed once, here, where a syntax error can name the file; compile() applies whitespace control to this tree.
      const ast = parsed.trees[i] ?? hbs.parseWithoutProcessing(text);
      trees.push(ast);
      templates.set(entry.name, { file: shown(entry.file), source: text, ast, rootContext: entry.rootContext });
    } catch (error) {
      syntaxError(shown(entry.file), text, error, lexerPosition(hbs)).problems.forEach((problem) => problems.add(problem));
    }
  });
  partialCycleProblems(templates).forEach((problem) => problems.add(problem));
  problems.throwIfAny();
  // Before compile(), which changes the trees in place.
  parsed.keep(trees);
  const changed = await changedFromBundled(origins, texts, source);

  const partialNames = [...templates.keys()].filter((name) => name !== 'layout').sort();
  const helperNames = Object.keys(hbs.helpers).filter((name) => !name.endsWith('elperMissing')).sort();
  const precompiled = options.precompiled ?? bundledSpecs;
  const guard = (template: TemplateFile): Render => {
    // A bundled file, unchanged, is already compiled (src/render/precompiled-specs.ts); anything else compiles on first use.
    const spec = precompiled.size > 0 ? precompiled.get(createHash('sha256').update(template.source).digest('hex')) : undefined;
    const compiled = (spec ? hbs.template(spec) : hbs.compile(template.ast, { strict: true })) as Render;
    return (context, options) => {
      try {
        return compiled(context, options);
      } catch (error) {
        throw error instanceof TemplateFailure ? error : new TemplateFailure(template, error);
      }
    };
  };
  let layout: Render | undefined;
  for (const [name, template] of templates) {
    if (name === 'layout') layout = guard(template);
    else hbs.registerPartial(name, guard(template) as Handlebars.TemplateDelegate);
  }
  const renderLayout = layout!;
  const names = { partials: partialNames, helpers: helperNames };
  const reported = <T>(view: ReportView, render: () => T): T => {
    let rendered: T;
    try {
      rendered = render();
    } catch (error) {
      if (!(error instanceof TemplateFailure)) throw error;
      // Handlebars stops at the first missing name; the templates are searched for all of them at once.
      const every = undefinedNameProblems(templates.values(), view, names);
      if (every.length > 0) throw new UserError(every, { cause: error.cause });
      throw renderError(error.template, error.cause, view, names) ?? error.cause;
    }
    // What strict mode lets through renders silently wrong: {{#if metrics.typo}} is never true, {{eq a.typo b}} never equal.
    const silent = undefinedNameProblems(templates.values(), view, names);
    if (silent.length > 0) throw new UserError(silent);
    return rendered;
  };
  const appended = source.exhibits ?? [];
  const renderPrintable = (view: ReportView): { html: string; appendedExhibits: AppendedExhibit[] } => {
    const exhibits: Exhibit[] = [];
    const html = reported(view, () => renderLayout(view, { data: { exhibits, appended } }));
    return { html, appendedExhibits: checkedLetters(exhibits.length, appended) };
  };
  // Only the file written gets the policy: the printed page keeps failing loudly on a request (the printer
  // blocks and names it), where the policy would drop it silently.
  const policy = contentSecurityPolicy();
  const written = (printHtml: string) => withContentSecurityPolicy(inlineAssets(printHtml, fonts.assets), policy);
  const renderFragment = (name: string, view: ReportView) => {
    const partial = hbs.partials[name] as Render | undefined;
    if (typeof partial !== 'function') throw new Error(`the template folder has no partial ${name}`);
    const exhibits: Exhibit[] = [];
    const html = reported(view, () => partial(view, { data: { root: view, exhibits } }));
    return { html, exhibits: exhibits.map((e) => ({ letter: e.letter, title: e.title, html: e.content.toString() })) };
  };

  return {
    warnings: [...templates.values()].flatMap((template) => tripleStashWarnings(template.file, template.ast)),
    // The exhibit PDFs are inputs like the templates: a final manifest records their digests, verify checks them.
    files: [...entries.map((entry) => entry.file), ...fonts.files, ...appended.map((exhibit) => exhibit.pdf)],
    origins,
    changed,
    printAssets: fonts.assets,
    render: (view) => written(renderPrintable(view).html),
    renderFragment,
    fontFaces: fonts.css,
    renderDocument(view) {
      const { html: printHtml, appendedExhibits } = renderPrintable(view);
      return { html: written(printHtml), printHtml, appendedExhibits };
    },
  };
}

/** The PDF exhibits' letters after the body's `written` exhibits; more than A to Z in all is an error. */
function checkedLetters(written: number, appended: readonly PdfExhibitSource[]): AppendedExhibit[] {
  if (written + appended.length > 26) {
    throw new UserError({
      message: `a report has at most 26 exhibits (A to Z): the body writes ${written} and template.exhibits lists ${appended.length}`,
      hint: 'combine exhibits, or file some separately',
    });
  }
  return letterAppended(written, appended);
}

async function readTemplate(file: string, shownFile: string, name: string): Promise<string> {
  try {
    return await readInputText({ path: file, shown: shownFile, what: 'template', maxBytes: inputLimits.template });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fsUserError(error, shownFile, 'read');
    const hint =
      name === 'body'
        ? 'template.body in the report definition is relative to that file'
        : 'a template folder holds layout.hbs, style.css and partials/*.hbs; see templates/court-status-report';
    throw new UserError({ location: { file: shownFile }, message: `template file not found`, hint }, { cause: error });
  }
}


/**
 * Where the Handlebars lexer stopped after a parse error. The parser is shared
 * and synchronous, so right after the throw its state is this parse's.
 */
function lexerPosition(hbs: typeof Handlebars): { first_line: number; first_column: number } | undefined {
  const parser = (hbs as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser;
  return parser?.lexer?.yylloc;
}

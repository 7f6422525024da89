/**
 * A parsed YAML file that remembers where every value came from, so a
 * problem found later (by the schema or a cross-check) can name its line and column.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { Problem } from '../errors.js';

export type YamlPath = ReadonlyArray<PropertyKey>;

export class YamlSource {
  readonly document: Document;
  private readonly lines = new LineCounter();

  constructor(
    /** Path shown in messages. */
    readonly displayPath: string,
    text: string,
  ) {
    // Core schema (YAML 1.2): dates stay text, "no" stays text; unique keys enforced.
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  /**
   * The YAML syntax problems, each at its line and column: the first one only,
   * as the ones after it mostly follow from it (an unclosed bracket upsets the
   * lines below) and would only bury it; but every duplicated key when those
   * are all there is, as a duplicate upsets nothing else.
   */
  syntaxProblems(): Problem[] {
    const all = [...this.document.errors, ...this.document.warnings];
    // Errors first: a warning is reported only when there is no error.
    const byPosition = (list: readonly YAMLError[]) => [...list].sort((a, b) => a.pos[0] - b.pos[0]);
    const first = byPosition(this.document.errors.length > 0 ? this.document.errors : this.document.warnings);
    if (first.length === 0) return [];
    const independent = first.every((error) => error.code === 'DUPLICATE_KEY');
    return (independent ? first : first.slice(0, 1)).map((error) => this.syntaxProblem(error, all));
  }

  private syntaxProblem(error: YAMLError, errors: readonly YAMLError[]): Problem {
    const pos = this.lines.linePos(error.pos[0]);
    const problem: Problem = {
      location: { file: this.displayPath, line: pos.line, column: pos.col },
      message: `invalid YAML: ${firstLine(error.message)}`,
    };
    if (error.code === 'TAB_AS_INDENT') problem.hint = 'indent with spaces, not tabs';
    if (error.code === 'DUPLICATE_KEY') {
      const duplicate = this.duplicateKeyAt(error.pos[0]);
      if (duplicate) {
        problem.message = `invalid YAML: the key "${duplicate.key}" appears twice in the same mapping, first on line ${duplicate.firstLine}`;
        problem.hint = 'remove one of them';
      }
    }
    if (error.code === 'BAD_INDENT' && /end with a [\]}]/.test(error.message)) {
      problem.hint = 'a list written [a, b] needs its closing ] (a mapping {a: 1} its }), on the same line or on a later line indented more than its key';
    }
    if (error.code === 'BLOCK_AS_IMPLICIT_KEY') {
      // The value runs on to a later line when that line is indented deeper than the keys around it.
      const spill = errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === error.pos[0]);
      const spillLine = spill ? this.lines.linePos(spill.pos[1]).line : pos.line;
      problem.hint =
        spillLine > pos.line
          ? `line ${spillLine} is indented deeper than the key above it, so it is read as part of this value: start its key in the same column as the other keys`
          : 'a value that contains ": " must be in quotes, e.g. requires: "reports: monthly"';
    }
    return problem;
  }

  /** The key of a DUPLICATE_KEY error at `offset`, and the line where it first appears. */
  private duplicateKeyAt(offset: number): { key: string; firstLine: number } | undefined {
    let found: { key: string; firstLine: number } | undefined;
    visit(this.document, {
      Map: (_, map) => {
        const keys = map.items.map((pair) => (isScalar(pair.key) ? pair.key : null));
        const at = keys.findIndex((key) => key?.range?.[0] === offset);
        if (at === -1) return undefined;
        const name = String(keys[at]!.value);
        const first = keys.find((key) => key !== null && String(key.value) === name);
        found = { key: name, firstLine: this.lines.linePos(first?.range?.[0] ?? offset).line };
        return visit.BREAK;
      },
    });
    return found;
  }

  /** File, line and column of a character offset in the text. */
  locationOf(offset: number): { file: string; line: number; column: number } {
    const pos = this.lines.linePos(offset);
    return { file: this.displayPath, line: pos.line, column: pos.col };
  }

  /**
   * The document as plain data. Aliases that expand into more than 100 copies
   * (the "billion laughs": a few lines that expand to gigabytes) are refused
   * as a problem at the first alias, not thrown.
   */
  toJS(): { value: unknown } | { problem: Problem } {
    try {
      return { value: this.document.toJS({ maxAliasCount: 100 }) };
    } catch (error) {
      if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
      let offset = 0;
      visit(this.document, {
        Alias: (_, alias) => {
          offset = alias.range?.[0] ?? 0;
          return visit.BREAK;
        },
      });
      return {
        problem: {
          location: this.locationOf(offset),
          message: 'invalid YAML: its aliases (*name) expand to too many copies of their anchors (&name)',
          hint: 'a report definition needs few aliases, if any: write the values out, or use each anchor a few times only',
        },
      };
    }
  }

  /**
   * Line and column of the value at `path`, or of its key when `key` is set.
   * Where the path stops existing (a missing key), the nearest existing parent is named.
   */
  locate(path: YamlPath, options: { key?: boolean } = {}): { file: string; line: number; column: number } {
    let node: Node | null | undefined = this.document.contents as Node | null;
    let found: Node | null | undefined = node;
    for (let i = 0; i < path.length && node; i++) {
      const segment = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        const isLast = i === path.length - 1;
        node = (isLast && options.key ? pair.key : pair.value) as Node | null;
        found = node ?? (pair.key as Node);
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment] as Node | undefined;
        if (node) found = node;
      } else {
        break;
      }
    }
    const offset = found?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    return { file: this.displayPath, line: pos.line, column: pos.col };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * A parsed YAML file that remembers where every value came from, so a
 * problem found later (by the schema or a cross-check) can name its line and column.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
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

  /** YAML syntax problems, each with its line and column. */
  syntaxProblems(): Problem[] {
    return [...this.document.errors, ...this.document.warnings].map((error) => {
      const pos = this.lines.linePos(error.pos[0]);
      return {
        location: { file: this.displayPath, line: pos.line, column: pos.col },
        message: `invalid YAML: ${firstLine(error.message)}`,
        hint: error.code === 'TAB_AS_INDENT' ? 'indent with spaces, not tabs' : undefined,
      };
    });
  }

  toJS(): unknown {
    return this.document.toJS({ maxAliasCount: 100 });
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

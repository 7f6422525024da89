/**
 * The report body's HTML (what the Handlebars body and exhibits render to)
 * read as the few blocks a filing is made of: paragraphs, headings, tables
 * and charts. The DOCX writer lays these out in Word; anything else in the
 * body is read for its text, so no words are lost.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  /** A line break before the text. */
  break?: boolean;
}

/** Where a paragraph's lines sit: text-align in a style attribute, or align="", on it or an element around it. */
export type Align = 'left' | 'center' | 'right';

export type Block =
  | { kind: 'paragraph'; numbered: boolean; runs: Run[]; align?: Align }
  | { kind: 'heading'; level: 1 | 2 | 3; runs: Run[]; align?: Align }
  /** `layout`: a table that places text side by side (a template's caption), not a table of figures. */
  | { kind: 'table'; caption: Run[] | null; head: Cell[][]; body: Row[]; layout?: boolean }
  | { kind: 'chart'; svg: string; caption: Run[] | null };

export interface Cell {
  runs: Run[];
  header: boolean;
  /** Figures are right-aligned, as in the PDF. */
  numeric: boolean;
}

export interface Row {
  cells: Cell[];
  total: boolean;
}

/**
 * The blocks of a fragment; top-level <p> are numbered when `numbered` (the body) unless class="unnumbered".
 * A `frame` fragment is a part around the body (a template's own caption or signature): its <h1> is the
 * document's heading, and its tables lay text out rather than hold figures.
 */
export function readBlocks(html: string, options: { numbered: boolean; frame?: boolean }): Block[] {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: false, recognizeSelfClosing: true });
  const blocks: Block[] = [];
  collect(document.children, blocks, options.numbered, { frame: options.frame ?? false, align: undefined });
  return blocks;
}

interface Reading {
  frame: boolean;
  align: Align | undefined;
}

function collect(nodes: ChildNode[], blocks: Block[], numbered: boolean, reading: Reading): void {
  let loose: Run[] = [];
  const aligned = (node: Element | null) => {
    const align = node ? alignOf(node) ?? reading.align : reading.align;
    return align ? { align } : {};
  };
  const flush = () => {
    if (loose.some((run) => run.text.trim() !== '')) blocks.push({ kind: 'paragraph', numbered: false, runs: trimRuns(loose), ...aligned(null) });
    loose = [];
  };
  for (const node of nodes) {
    if (node.type === 'text') {
      loose.push(...inline([node], {}));
      continue;
    }
    if (!isElement(node)) continue;
    switch (node.name) {
      case 'p':
        flush();
        blocks.push({ kind: 'paragraph', numbered: numbered && !hasClass(node, 'unnumbered'), runs: trimRuns(inline(node.children, {})), ...aligned(node) });
        break;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
        flush();
        blocks.push({ kind: 'heading', level: node.name === 'h1' && reading.frame ? 1 : node.name === 'h2' || node.name === 'h1' ? 2 : 3, runs: trimRuns(inline(node.children, {})), ...aligned(node) });
        break;
      case 'table':
        flush();
        blocks.push({ ...table(node), ...(reading.frame ? { layout: true } : {}) });
        break;
      case 'svg':
        flush();
        blocks.push({ kind: 'chart', svg: outerSvg(node, html(node)), caption: null });
        break;
      case 'figure': {
        flush();
        const svg = find(node, 'svg');
        const caption = find(node, 'figcaption');
        if (svg) blocks.push({ kind: 'chart', svg: outerSvg(svg, html(svg)), caption: caption ? trimRuns(inline(caption.children, {})) : null });
        else collect(node.children, blocks, false, { ...reading, align: alignOf(node) ?? reading.align });
        break;
      }
      case 'div':
      case 'section':
      case 'article':
      case 'main':
      case 'header':
      case 'footer':
      case 'aside':
      case 'address':
      case 'blockquote':
      case 'center':
      case 'ul':
      case 'ol':
        flush();
        collect(node.children, blocks, false, { ...reading, align: node.name === 'center' ? 'center' : alignOf(node) ?? reading.align });
        break;
      case 'li':
        flush();
        blocks.push({ kind: 'paragraph', numbered: false, runs: [{ text: '• ' }, ...trimRuns(inline(node.children, {}))] });
        break;
      case 'style':
      case 'script':
        break;
      default:
        loose.push(...inline([node], {}));
    }
  }
  flush();
}

function table(node: Element): Block {
  const captionNode = find(node, 'caption');
  const rows = findAll(node, 'tr');
  const head: Cell[][] = [];
  const body: Row[] = [];
  for (const row of rows) {
    const cells = row.children.filter(isElement).filter((c) => c.name === 'th' || c.name === 'td');
    const read = cells.map((c) => ({ runs: trimRuns(inline(c.children, {})), header: c.name === 'th', numeric: c.name === 'td' || (c.name === 'th' && !hasClass(c, 'label') && insideHead(row)) }));
    if (insideHead(row)) head.push(read);
    else body.push({ cells: read, total: hasClass(row, 'total') });
  }
  return { kind: 'table', caption: captionNode ? trimRuns(inline(captionNode.children, {})) : null, head, body };
}

function insideHead(row: Element): boolean {
  return row.parent !== null && isElement(row.parent as ChildNode) && (row.parent as Element).name === 'thead';
}

function inline(nodes: ChildNode[], style: Omit<Run, 'text'>): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = node.data.replace(/\s+/g, ' ');
      if (text) runs.push({ ...style, text });
    } else if (isElement(node)) {
      if (node.name === 'br') runs.push({ ...style, text: '', break: true });
      else if (node.name === 'strong' || node.name === 'b') runs.push(...inline(node.children, { ...style, bold: true }));
      else if (node.name === 'em' || node.name === 'i') runs.push(...inline(node.children, { ...style, italics: true }));
      else if (node.name === 'u') runs.push(...inline(node.children, { ...style, underline: true }));
      // A cell's paragraphs (a template's caption in a table) stay lines of their own.
      else if ((node.name === 'p' || node.name === 'div') && runs.some((run) => run.text.trim() !== '')) runs.push({ ...style, text: '', break: true }, ...inline(node.children, style));
      else if (node.name !== 'style' && node.name !== 'script' && node.name !== 'svg') runs.push(...inline(node.children, style));
    }
  }
  return runs;
}

/** Collapses the whitespace at the ends of a paragraph, as a browser does. */
function trimRuns(runs: Run[]): Run[] {
  const out = runs.map((run) => ({ ...run }));
  while (out.length > 0 && !out[0]!.break && out[0]!.text.trim() === '') out.shift();
  while (out.length > 0 && !out[out.length - 1]!.break && out[out.length - 1]!.text.trim() === '') out.pop();
  if (out[0]) out[0].text = out[0].text.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last) last.text = last.text.replace(/\s+$/, '');
  for (let i = 1; i < out.length; i++) if (out[i - 1]!.break) out[i]!.text = out[i]!.text.replace(/^\s+/, '');
  return out;
}

function alignOf(node: Element): Align | undefined {
  const style = /(?:^|;)\s*text-align\s*:\s*(left|center|right)\b/i.exec(node.attribs['style'] ?? '')?.[1] ?? node.attribs['align'];
  const align = style?.toLowerCase();
  return align === 'left' || align === 'center' || align === 'right' ? align : undefined;
}

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function hasClass(node: Element, name: string): boolean {
  return (node.attribs['class'] ?? '').split(/\s+/).includes(name);
}

function find(node: Element, name: string): Element | null {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === name) return child;
    const deeper = find(child, name);
    if (deeper) return deeper;
  }
  return null;
}

function findAll(node: Element, name: string): Element[] {
  return node.children.filter(isElement).flatMap((child) => (child.name === name ? [child] : findAll(child, name)));
}

/** The SVG's markup, re-serialised from the tree: what the chart renderer wrote. */
function html(node: Element): string {
  const attrs = Object.entries(node.attribs).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  const inner = node.children.map((child) => (child.type === 'text' ? escapeText(child.data) : isElement(child) ? html(child) : '')).join('');
  return `<${node.name}${attrs}>${inner}</${node.name}>`;
}

function outerSvg(node: Element, markup: string): string {
  return node.attribs['xmlns'] ? markup : markup.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');

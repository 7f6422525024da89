/**
 * A word-level redline: the shortest edit script between two token lists
 * (Myers' O(ND) algorithm), then the changes with a few words of context.
 */
import type { Token } from './tokens.js';

export type EditKind = 'equal' | 'insert' | 'delete';

export interface Edit {
  kind: EditKind;
  tokens: Token[];
}

/** Edits turning `before` into `after`, consecutive tokens of one kind together. */
export function diffTokens(before: readonly Token[], after: readonly Token[]): Edit[] {
  const a = before.map((t) => t.text);
  const b = after.map((t) => t.text);
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from the end, collecting single-token edits in reverse.
  const steps: Array<{ kind: EditKind; token: Token }> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push({ kind: 'equal', token: after[y - 1]! });
      x--;
      y--;
    }
    if (d === 0) break;
    if (x === prevX) steps.push({ kind: 'insert', token: after[y - 1]! });
    else steps.push({ kind: 'delete', token: before[x - 1]! });
    x = prevX;
    y = prevY;
  }
  steps.reverse();
  const edits: Edit[] = [];
  for (const step of steps) {
    const last = edits[edits.length - 1];
    if (last && last.kind === step.kind) last.tokens.push(step.token);
    else edits.push({ kind: step.kind, tokens: [step.token] });
  }
  // A deletion reads before the insertion that replaces it.
  for (let i = 0; i + 1 < edits.length; i++) {
    if (edits[i]!.kind === 'insert' && edits[i + 1]!.kind === 'delete') [edits[i], edits[i + 1]] = [edits[i + 1]!, edits[i]!];
  }
  return edits;
}

/** The text of tokens as they stood, spaces where the text had them. */
export function joinTokens(tokens: readonly Token[], first = false): string {
  return tokens.map((t, i) => ((i > 0 || !first) && t.spaced ? ' ' : '') + t.text).join('');
}

export interface Hunk {
  /** Each part of the hunk: unchanged context, a deletion or an insertion, as text. */
  parts: Array<{ kind: EditKind; text: string }>;
}

/** The changes only, each with up to `context` words either side; nearby changes share a hunk. */
export function hunks(edits: readonly Edit[], context = 8): Hunk[] {
  const result: Hunk[] = [];
  let current: Hunk | null = null;
  edits.forEach((edit, i) => {
    if (edit.kind !== 'equal') {
      current ??= { parts: [] };
      current.parts.push({ kind: edit.kind, text: joinTokens(edit.tokens) });
      return;
    }
    const isLast = i === edits.length - 1;
    if (current && !isLast && edit.tokens.length <= 2 * context) {
      current.parts.push({ kind: 'equal', text: joinTokens(edit.tokens) });
      return;
    }
    if (current) {
      current.parts.push({ kind: 'equal', text: joinTokens(edit.tokens.slice(0, context)) + (edit.tokens.length > context ? ' …' : '') });
      result.push(current);
      current = null;
    }
    if (!isLast) {
      const tail = edit.tokens.slice(-context);
      current = { parts: [{ kind: 'equal', text: (edit.tokens.length > context ? '… ' : '') + joinTokens(tail, true) }] };
    }
  });
  if (current && (current as Hunk).parts.some((p) => p.kind !== 'equal')) result.push(current);
  return result;
}

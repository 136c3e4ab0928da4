// Reading inline Markdown: plain text of a node, decoration-free titles, and the `**Label**: value`
// lines people use for fields inside a paragraph or a list item.
import type { Nodes, Paragraph, PhrasingContent } from 'mdast';

/** Plain text of any node: like mdast-util-to-string, with line breaks kept as "\n". */
export function textOf(node: Nodes | PhrasingContent[]): string {
  if (Array.isArray(node)) return node.map((n) => textOf(n)).join('');
  if (node.type === 'break') return '\n';
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map((n) => textOf(n)).join('');
  return '';
}

// Emoji, their modifiers and joiners, and keycap marks: decoration in headings and cells.
const DECORATION = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\uFE0E|\u200D|\u20E3/gu;

export function stripEmoji(text: string): string {
  return text.replace(DECORATION, '');
}

/** A heading or cell without its emoji and surplus spaces. */
export function cleanTitle(text: string): string {
  return stripEmoji(text).replace(/\s+/g, ' ').trim();
}

export function slug(text: string): string {
  const s = stripEmoji(text)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 56).replace(/-+$/, '') || 'item';
}

export interface InlineLine {
  nodes: PhrasingContent[];
  /** `Owner` for `**Owner**: x`, `**Owner: x**` and, when plain labels are allowed, `Owner: x`. */
  label: string | null;
  value: string;
  text: string;
}

/** Splits a paragraph's inline content at soft and hard line breaks. */
export function splitLines(children: PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  const push = (node: PhrasingContent) => lines[lines.length - 1]!.push(node);
  for (const node of children) {
    if (node.type === 'break') {
      lines.push([]);
    } else if (node.type === 'text' && node.value.includes('\n')) {
      const parts = node.value.split('\n');
      parts.forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part !== '') push({ ...node, value: part, position: i === 0 ? node.position : undefined });
      });
    } else {
      push(node);
    }
  }
  return lines;
}

const PLAIN_LABEL = /^([A-Za-z][\w /&'-]{0,40}?)\s*:\s*(.*)$/s;

export function readLine(nodes: PhrasingContent[], allowPlainLabel = false): InlineLine {
  const text = textOf(nodes).trim();
  const firstIndex = nodes.findIndex((n) => !(n.type === 'text' && n.value.trim() === ''));
  const first = nodes[firstIndex];
  if (first && first.type === 'strong') {
    const strong = textOf(first).trim();
    const rest = textOf(nodes.slice(firstIndex + 1)).trim();
    if (strong.endsWith(':')) return { nodes, label: strong.slice(0, -1).trim(), value: rest, text };
    if (rest.startsWith(':')) return { nodes, label: strong, value: rest.slice(1).trim(), text };
    if (rest === '') {
      const colon = strong.indexOf(':');
      if (colon > 0) return { nodes, label: strong.slice(0, colon).trim(), value: strong.slice(colon + 1).trim(), text };
      return { nodes, label: strong, value: '', text };
    }
    return { nodes, label: strong, value: rest, text };
  }
  if (allowPlainLabel) {
    const match = PLAIN_LABEL.exec(text);
    if (match) return { nodes, label: match[1]!.trim(), value: match[2]!.trim(), text };
  }
  return { nodes, label: null, value: text, text };
}

export interface SourcedLine extends InlineLine {
  /** The Markdown the line was written as, for keeping it as a note. */
  source: string;
}

/**
 * The lines of a paragraph with their Markdown. Source lines and inline lines match one to one
 * except in odd cases (a code span across lines); then the first line carries the whole paragraph.
 */
export function paragraphLines(paragraph: Paragraph, paragraphSource: string, allowPlainLabel = false): SourcedLine[] {
  const inline = splitLines(paragraph.children);
  const raw = paragraphSource.split('\n');
  const aligned = raw.length === inline.length;
  return inline
    .map((nodes, i) => ({ ...readLine(nodes, allowPlainLabel), source: aligned ? (raw[i] ?? '') : i === 0 ? paragraphSource : '' }))
    .filter((line) => line.text !== '' || line.source.trim() !== '');
}

export const labelIs = (label: string | null, pattern: RegExp): boolean => label !== null && pattern.test(label.trim());

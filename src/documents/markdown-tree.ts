// Parses Markdown with a real CommonMark + GFM parser and folds the flat block list into a tree
// of sections (heading → its blocks → sub-sections), which is how people structure these documents.
import type { Heading, Root, RootContent } from 'mdast';
import { cleanTitle, textOf } from './inline.js';
import { parseMarkdown } from './markdown-parse.js';

export interface Section {
  heading: Heading | null;
  /** 0 for the document root (and for content after a closing `---`). */
  depth: number;
  /** Heading text without decoration emoji; '' for the root. */
  title: string;
  /** The heading text as written, emoji included: some meaning hides in them (🔴). */
  rawTitle: string;
  /** Titles from the outermost section down to this one; the document title is not part of it. */
  path: string[];
  blocks: RootContent[];
  children: Section[];
  parent: Section | null;
}

export interface MarkdownTree {
  source: string;
  /** The first level-1 heading, when it comes before any other heading. */
  title: string | null;
  root: Section;
  /** Sections in document order (root first). */
  all: Section[];
}

/** `fastRowsMin`: see markdown-parse.ts; `Infinity` parses every row the plain way. */
export function parseMarkdownTree(source: string, fastRowsMin?: number): MarkdownTree {
  const ast: Root = parseMarkdown(source, fastRowsMin);
  const root = newSection(null, 0, '', '', null);
  const all = [root];
  let title: string | null = null;
  let titleSection: Section | null = null;
  let current = root;
  let lastHeaded: Section = root;
  let sawHeading = false;

  for (const node of ast.children) {
    if (node.type === 'heading') {
      const raw = headingText(node);
      if (!sawHeading && node.depth === 1) {
        title = cleanTitle(raw);
        titleSection = newSection(node, 1, title, raw, root);
        titleSection.path = [];
        root.children.push(titleSection);
        all.push(titleSection);
        current = titleSection;
        lastHeaded = titleSection;
        sawHeading = true;
        continue;
      }
      sawHeading = true;
      let parent: Section = lastHeaded;
      while (parent.depth >= node.depth && parent.parent) parent = parent.parent;
      const section = newSection(node, node.depth, cleanTitle(raw), raw, parent);
      section.path = parent === titleSection || parent === root ? [section.title] : [...parent.path, section.title];
      parent.children.push(section);
      all.push(section);
      current = section;
      lastHeaded = section;
    } else if (node.type === 'thematicBreak') {
      // A closing rule ends the section above it: what follows up to the next heading (a sign-off
      // block, "Next steps") belongs to the document, not to the last heading's topic.
      if (current !== root) {
        const tail = newSection(null, 0, '', '', root);
        root.children.push(tail);
        all.push(tail);
        current = tail;
      }
    } else {
      current.blocks.push(node);
    }
  }
  return { source, title, root, all };
}

/** A heading's text; a report's live value in it (`_live: 13_`) reads as the value. */
function headingText(node: Heading): string {
  const text = textOf(node);
  return node.children.some((c) => c.type === 'emphasis' && textOf(c).startsWith('live: ')) ? text.replace(/\blive: /g, '') : text;
}

function newSection(heading: Heading | null, depth: number, title: string, rawTitle: string, parent: Section | null): Section {
  return { heading, depth, title, rawTitle, path: [], blocks: [], children: [], parent };
}

/** The source text a node was parsed from. */
export function sourceOf(source: string, node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? '' : source.slice(start, end);
}

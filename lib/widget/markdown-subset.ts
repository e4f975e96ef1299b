/**
 * The safe markdown subset the chat widget renders for bot and agent messages: paragraphs, line
 * breaks, `-`/`*` and `1.` lists, **bold**, *italic* or _italic_, `code`, [links](https://…) and
 * bare http(s) addresses. Raw HTML is never interpreted: the result is a tree of plain data that
 * a renderer turns into elements with `textContent`, so `<script>` stays text. Links are kept
 * only for http(s) and mailto addresses; any other scheme (`javascript:`, `data:`) stays text.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] };

export type Block = { type: 'p'; lines: Inline[][] } | { type: 'ul' | 'ol'; items: Inline[][] };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
const MAX_DEPTH = 4;

/**
 * Parses message text into blocks of inline nodes.
 * @example parseMarkdownSubset('Hi **there**') // [{ type: 'p', lines: [[{ type: 'text', text: 'Hi ' }, { type: 'strong', children: [{ type: 'text', text: 'there' }] }]] }]
 */
export function parseMarkdownSubset(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = chunk.split('\n').filter((line) => line.trim() !== '');
    let paragraph: Inline[][] = [];
    let list: { type: 'ul' | 'ol'; items: Inline[][] } | null = null;
    const flushParagraph = () => {
      if (paragraph.length) blocks.push({ type: 'p', lines: paragraph });
      paragraph = [];
    };
    for (const line of lines) {
      const bullet = BULLET.exec(line);
      const numbered = bullet ? null : NUMBERED.exec(line);
      const kind = bullet ? 'ul' : numbered ? 'ol' : null;
      if (kind) {
        flushParagraph();
        if (!list || list.type !== kind) {
          list = { type: kind, items: [] };
          blocks.push(list);
        }
        list.items.push(parseInline((bullet ?? numbered)![1]!, 0));
      } else {
        list = null;
        paragraph.push(parseInline(line, 0));
      }
    }
    flushParagraph();
  }
  return blocks;
}

/** The address a link may point to, or null when its scheme is not allowed. */
export function safeLinkHref(raw: string): string | null {
  const value = raw.trim();
  // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"): refuse any control character.
  if (/[\u0000-\u001f\u007f\s]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:' ? url.href : null;
}

const INLINE = /\*\*([^*\n]+?)\*\*|`([^`\n]+)`|\[([^\]\n]{1,200})\]\(([^()\s]{1,2000})\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])|(?<![\w*])\*([^*\n]+?)\*(?![\w*])|(?<!\w)_([^_\n]+?)_(?!\w)/g;

function parseInline(text: string, depth: number): Inline[] {
  const out: Inline[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += value;
    else out.push({ type: 'text', text: value });
  };
  if (depth >= MAX_DEPTH) {
    pushText(text);
    return out;
  }
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    pushText(text.slice(at, index));
    at = index + match[0].length;
    const [whole, strong, code, linkText, linkHref, bareUrl, em1, em2] = match;
    if (strong !== undefined) out.push({ type: 'strong', children: parseInline(strong, depth + 1) });
    else if (code !== undefined) out.push({ type: 'code', text: code });
    else if (linkText !== undefined && linkHref !== undefined) {
      const href = safeLinkHref(linkHref);
      if (href) out.push({ type: 'link', href, children: parseInline(linkText, depth + 1) });
      else pushText(whole);
    } else if (bareUrl !== undefined) {
      const href = safeLinkHref(bareUrl);
      if (href) out.push({ type: 'link', href, children: [{ type: 'text', text: bareUrl }] });
      else pushText(whole);
    } else {
      out.push({ type: 'em', children: parseInline((em1 ?? em2)!, depth + 1) });
    }
  }
  pushText(text.slice(at));
  return out;
}

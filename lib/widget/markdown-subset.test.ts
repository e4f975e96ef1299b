import { describe, expect, it } from 'vitest';
import { parseMarkdownSubset, safeLinkHref, type Block, type Inline } from './markdown-subset';

const text = (value: string): Inline => ({ type: 'text', text: value });
const paragraph = (...inlines: Inline[]): Block => ({ type: 'p', lines: [inlines] });

/** Every link in a parsed message. */
function links(blocks: Block[]): string[] {
  const walk = (nodes: Inline[]): string[] =>
    nodes.flatMap((node) => (node.type === 'link' ? [node.href, ...walk(node.children)] : 'children' in node ? walk(node.children) : []));
  return blocks.flatMap((block) => (block.type === 'p' ? block.lines : block.items).flatMap(walk));
}

describe('parseMarkdownSubset', () => {
  it('reads bold, italic, code and paragraphs with line breaks', () => {
    expect(parseMarkdownSubset('Hi **there**, *you* and _me_: `x < y`\nsecond line\n\nNext')).toEqual([
      {
        type: 'p',
        lines: [
          [
            text('Hi '),
            { type: 'strong', children: [text('there')] },
            text(', '),
            { type: 'em', children: [text('you')] },
            text(' and '),
            { type: 'em', children: [text('me')] },
            text(': '),
            { type: 'code', text: 'x < y' },
          ],
          [text('second line')],
        ],
      },
      paragraph(text('Next')),
    ]);
  });

  it('reads bullet and numbered lists', () => {
    expect(parseMarkdownSubset('Options:\n- one\n- two\n1. first\n2) second')).toEqual([
      paragraph(text('Options:')),
      { type: 'ul', items: [[text('one')], [text('two')]] },
      { type: 'ol', items: [[text('first')], [text('second')]] },
    ]);
  });

  it('makes links of [text](https://…) and bare addresses, without the trailing full stop', () => {
    const blocks = parseMarkdownSubset('See [our **docs**](https://example.com/docs?a=1) or https://example.org/x.');
    expect(blocks).toEqual([
      paragraph(
        text('See '),
        { type: 'link', href: 'https://example.com/docs?a=1', children: [text('our '), { type: 'strong', children: [text('docs')] }] },
        text(' or '),
        { type: 'link', href: 'https://example.org/x', children: [text('https://example.org/x')] },
        text('.'),
      ),
    ]);
  });

  it('keeps raw HTML as text', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    expect(parseMarkdownSubset(payload)).toEqual([paragraph(text(payload))]);
  });

  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'java\tscript:alert(1)', '/relative'])(
    'refuses the link [x](%s) and shows it as text',
    (href) => {
      const source = `[click](${href})`;
      const blocks = parseMarkdownSubset(source);
      expect(links(blocks)).toEqual([]);
      expect(JSON.stringify(blocks)).toContain('click');
    },
  );

  it('stops nesting at a fixed depth', () => {
    const deep = '**'.repeat(1) + '*a* **b** '.repeat(3) + '**';
    expect(() => parseMarkdownSubset(deep.repeat(200))).not.toThrow();
  });
});

describe('safeLinkHref', () => {
  it('allows http, https and mailto only', () => {
    expect(safeLinkHref('https://example.com')).toBe('https://example.com/');
    expect(safeLinkHref('mailto:help@example.com')).toBe('mailto:help@example.com');
    expect(safeLinkHref(' javascript:alert(1)')).toBeNull();
    expect(safeLinkHref('https://exa mple.com')).toBeNull();
  });
});

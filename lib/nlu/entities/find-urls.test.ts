import { describe, expect, it } from 'vitest';
import { findUrls } from './find-urls';

const values = (text: string) => findUrls(text).map((match) => match.value);

describe('findUrls', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['HTTP://Example.COM/Path?q=1#top', 'http://example.com/Path?q=1#top'],
    ['example.com/path', 'https://example.com/path'],
    ['see www.example.org.', 'https://www.example.org/'],
    ['docs at Example.com/docs, thanks', 'https://example.com/docs'],
    ['example.co.uk', 'https://example.co.uk/'],
    ['shop.example.io:8080/cart', 'https://shop.example.io:8080/cart'],
    ['bücher.de', 'https://xn--bcher-kva.de/'],
    ['http://localhost:3000/x', 'http://localhost:3000/x'],
    ['http://127.0.0.1/', 'http://127.0.0.1/'],
    ['https://example.com/a b', 'https://example.com/a'],
    ['<https://example.com/x>', 'https://example.com/x'],
    ['"https://example.com"', 'https://example.com/'],
    ['(see https://en.wikipedia.org/wiki/Mercury_(planet)).', 'https://en.wikipedia.org/wiki/Mercury_(planet)'],
    ['(example.com)', 'https://example.com/'],
    ['https://example.com/ünï cödé', 'https://example.com/%C3%BCn%C3%AF'],
  ])('%j → %j', (text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it('gives the link as typed and its offsets', () => {
    expect(findUrls('see Example.com/docs.')).toEqual([{ entity: 'url', value: 'https://example.com/docs', text: 'Example.com/docs', start: 4, end: 20 }]);
  });

  it('finds every link, in text order', () => {
    expect(values('example.com and https://example.org/a')).toEqual(['https://example.com/', 'https://example.org/a']);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'javascript://example.com/%0Aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    'ftp://example.com/file',
    'mailto:ada@example.com',
    'ada@example.com',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'http://',
    'https://',
    'example',
    'file.txt',
    'node.js',
    'hello.world',
    'e.g. this',
    'i.e.',
    '3.14',
    '192.168.0.1',
    '1,200.50',
    'example.com:abc',
    '-example.com',
    '',
    '😀.com',
    '"unbalanced (quote',
  ])('rejects %j', (text) => {
    expect(findUrls(text)).toEqual([]);
  });

  it('stays fast on long tokens', () => {
    const started = performance.now();
    findUrls('('.repeat(1000) + ')'.repeat(1000));
    findUrls(`https://${'a.'.repeat(995)}com`);
    findUrls('.'.repeat(2000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

import { describe, expect, it } from 'vitest';
import { checkTemplate, renderTemplate, templateVariables } from './templates';

describe('renderTemplate', () => {
  const view = {
    name: 'Ada',
    count: 3,
    ok: true,
    none: null,
    order: { id: 'AB12', items: [{ sku: 'x' }, { sku: 'y' }] },
    tags: ['a', 'b'],
    html: '<b>"Tom" & \'Jerry\'</b>',
    looksLikeTemplate: '{{name}} {{#tags}}x{{/tags}}',
  };

  it.each([
    ['Hi {{name}}', 'Hi Ada'],
    ['Hi {{ name }}', 'Hi Ada'],
    ['{{count}} items, ok={{ok}}', '3 items, ok=true'],
    ['[{{none}}][{{missing}}][{{order.missing.deeper}}]', '[][][]'],
    ['Order {{order.id}}', 'Order AB12'],
    ['{{order.items}}', '[{"sku":"x"},{"sku":"y"}]'],
    ['{{tags}}', '["a","b"]'],
    ['{{#order.items}}<{{sku}}>{{/order.items}}', '<x><y>'],
    ['{{^missing}}none{{/missing}}', 'none'],
    ['{{#ok}}yes{{/ok}}', 'yes'],
    ['no tags here', 'no tags here'],
    ['{{name.length}}', '3'],
  ])('%j → %j', (template, expected) => {
    expect(renderTemplate(template, view)).toBe(expected);
  });

  it('does not HTML-escape: every UI renders the text as text', () => {
    expect(renderTemplate('{{html}}', view)).toBe('<b>"Tom" & \'Jerry\'</b>');
  });

  it('inserts a value that contains {{…}} as text, never rendering it again', () => {
    expect(renderTemplate('You said: {{looksLikeTemplate}}', view)).toBe('You said: {{name}} {{#tags}}x{{/tags}}');
  });

  it('treats a text value as a truthy section, not as a lambda', () => {
    expect(renderTemplate('{{#name}}[{{.}}]{{/name}}', view)).toBe('[Ada]');
  });

  it('throws on a template that does not parse (checkTemplate says why first)', () => {
    expect(() => renderTemplate('{{#open}}', view)).toThrow();
  });
});

describe('checkTemplate', () => {
  it.each(['plain text', 'Hi {{name}}', '{{#a}}{{b}}{{/a}}', '{{{raw}}}', '', '{ not a tag }'])('accepts %j', (template) => {
    expect(checkTemplate(template)).toBeNull();
  });

  it.each([
    ['{{#open}}', /Unclosed section "open"/],
    ['{{/close}}', /Unopened section "close"/],
    ['{{#a}}{{/b}}', /Unclosed section "a"/],
    ['Hi {{name', /Unclosed tag/],
  ])('rejects %j', (template, message) => {
    expect(checkTemplate(template)).toMatch(/^Template does not parse: /);
    expect(checkTemplate(template)).toMatch(message);
  });
});

describe('templateVariables', () => {
  it('lists the top-level names a template reads, once each', () => {
    expect(templateVariables('{{a}} {{b.c}} {{{d}}} {{&e}} {{#f}}{{g}}{{.}}{{/f}} {{^h}}x{{/h}} {{a}}')).toEqual(['a', 'b', 'd', 'e', 'f', 'g', 'h']);
  });

  it('does not count {{.}} as a variable (regression: it was listed as "")', () => {
    expect(templateVariables('{{#items}}{{.}}{{/items}}')).toEqual(['items']);
  });

  it('is empty for plain text and for a template that does not parse', () => {
    expect(templateVariables('hello')).toEqual([]);
    expect(templateVariables('{{#open}}')).toEqual([]);
  });
});

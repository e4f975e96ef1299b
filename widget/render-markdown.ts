import { parseMarkdownSubset, type Inline } from '../lib/widget/markdown-subset';

/**
 * Renders message text with the safe markdown subset. Only elements made here, filled with
 * `textContent`: nothing the text contains can become markup.
 */
export function renderMarkdown(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of parseMarkdownSubset(text)) {
    if (block.type === 'p') {
      const p = document.createElement('p');
      block.lines.forEach((line, index) => {
        if (index) p.append(document.createElement('br'));
        appendInline(p, line);
      });
      fragment.append(p);
    } else {
      const list = document.createElement(block.type);
      for (const item of block.items) {
        const li = document.createElement('li');
        appendInline(li, item);
        list.append(li);
      }
      fragment.append(list);
    }
  }
  return fragment;
}

function appendInline(parent: HTMLElement, nodes: Inline[]) {
  for (const node of nodes) {
    if (node.type === 'text') {
      parent.append(document.createTextNode(node.text));
    } else if (node.type === 'code') {
      const code = document.createElement('code');
      code.textContent = node.text;
      parent.append(code);
    } else if (node.type === 'link') {
      const a = document.createElement('a');
      a.href = node.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer nofollow';
      appendInline(a, node.children);
      parent.append(a);
    } else {
      const element = document.createElement(node.type);
      appendInline(element, node.children);
      parent.append(element);
    }
  }
}

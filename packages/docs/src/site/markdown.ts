import { h } from './dom.js';

/**
 * A small, safe subset of Markdown for descriptions: headings, paragraphs (lines joined until a blank line, as
 * Markdown does), lists, **bold**, `code`, [links](url). Built as elements, never as HTML.
 */
export function markdown(text: string): HTMLElement {
  const root = h('div', { class: 'md' });
  for (const block of text.split(/\n\s*\n/)) {
    let list: HTMLUListElement | undefined;
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length) root.append(h('p', {}, ...inline(paragraph.join(' '))));
      paragraph = [];
    };
    for (const line of block.split('\n')) {
      const heading = /^(#{1,4})\s+(.*)$/.exec(line);
      const item = /^\s*[-*]\s+(.*)$/.exec(line);
      if (heading || item) flush();
      if (item) {
        list ??= root.appendChild(h('ul'));
        list.append(h('li', {}, ...inline(item[1]!)));
      } else if (heading) {
        list = undefined;
        root.append(h(`h${heading[1]!.length + 1}` as 'h2', {}, ...inline(heading[2]!)));
      } else if (line.trim()) {
        list = undefined;
        paragraph.push(line.trim());
      }
    }
    flush();
  }
  return root;
}

function inline(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  const re = /\*\*([^*]+)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(h('strong', {}, m[1]));
    else if (m[2] !== undefined) out.push(h('code', {}, m[2]));
    else if (/^(https?:|#|mailto:)/.test(m[4]!)) out.push(h('a', { href: m[4]! }, m[3]!));
    else out.push(m[3]!);
    last = re.lastIndex;
  }
  out.push(text.slice(last));
  return out;
}

// Message templates: `{name}` placeholders and Czech-ready plurals,
// `{count, plural, one {# warning} few {# warnings} other {# warnings}}`. The plural category
// comes from Intl.PluralRules of the active locale (Czech: one / few for 2–4 / other); `=0`
// matches an exact number first; `#` is the number, formatted for the locale.
export type MessageParams = Record<string, string | number>;

const PLACEHOLDER = /^\{([a-zA-Z0-9_]+)\}/;
const PLURAL_HEAD = /^\{([a-zA-Z0-9_]+),\s*plural,/;
const SELECTOR = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/;

/** Index just past the `}` that closes the `{` at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** The `selector → body` pairs of a plural block, from just after `plural,` to its closing `}`. */
export function pluralBranches(
  text: string,
  from: number,
  end: number,
): { selector: string; body: string }[] {
  const out: { selector: string; body: string }[] = [];
  let i = from;
  while (i < end - 1) {
    const m = SELECTOR.exec(text.slice(i, end));
    if (!m) break;
    const open = i + m[0].length - 1;
    const close = closing(text, open);
    out.push({ selector: m[1]!, body: text.slice(open + 1, close - 1) });
    i = close;
  }
  return out;
}

export function formatMessage(
  template: string,
  params: MessageParams | undefined,
  plural: (n: number) => string,
  number: (n: number) => string,
): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch !== '{') {
      out += ch;
      i += 1;
      continue;
    }
    const rest = template.slice(i);
    const head = PLURAL_HEAD.exec(rest);
    if (head) {
      const end = closing(template, i);
      const value = Number(params?.[head[1]!] ?? 0);
      const branches = pluralBranches(template, i + head[0].length, end);
      const chosen =
        branches.find((b) => b.selector === `=${value}`) ??
        branches.find((b) => b.selector === plural(value)) ??
        branches.find((b) => b.selector === 'other');
      const body = chosen ? chosen.body.replace(/#/g, number(value)) : '';
      out += formatMessage(body, params, plural, number);
      i = end;
      continue;
    }
    const ph = PLACEHOLDER.exec(rest);
    if (ph) {
      const name = ph[1]!;
      out += params && name in params ? String(params[name]) : ph[0];
      i += ph[0].length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

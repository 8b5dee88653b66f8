// The pseudo-locale: every catalogue string accented and bracketed, placeholders and plural
// syntax kept, so an e2e pass can fail on any visible text that did not come through the catalogue.
import { pluralBranches } from '../../../../main/contract/message-format';

const accents: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ó',
  u: 'ú',
  y: 'ý',
  c: 'č',
  r: 'ř',
  s: 'š',
  z: 'ž',
  n: 'ň',
  d: 'ď',
  t: 'ť',
  A: 'Á',
  E: 'É',
  I: 'Í',
  O: 'Ó',
  U: 'Ú',
  Y: 'Ý',
  C: 'Č',
  R: 'Ř',
  S: 'Š',
  Z: 'Ž',
  N: 'Ň',
  D: 'Ď',
  T: 'Ť',
};

const accent = (text: string): string => text.replace(/[a-zA-Z]/g, (ch) => accents[ch] ?? ch);

/** Accents the words of a template, leaving `{name}` and `{n, plural, one {…}}` syntax intact. */
function accentTemplate(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ph = /^\{[a-zA-Z0-9_]+\}/.exec(rest);
    if (ph) {
      out += ph[0];
      i += ph[0].length;
      continue;
    }
    const head = /^\{([a-zA-Z0-9_]+),\s*plural,/.exec(rest);
    if (head) {
      let depth = 0;
      let end = i;
      for (; end < text.length; end += 1) {
        if (text[end] === '{') depth += 1;
        else if (text[end] === '}' && --depth === 0) break;
      }
      const branches = pluralBranches(text, i + head[0].length, end + 1);
      out += `${head[0]} ${branches.map((b) => `${b.selector} {${accentTemplate(b.body)}}`).join(' ')}}`;
      i = end + 1;
      continue;
    }
    out += accent(text[i]!);
    i += 1;
  }
  return out;
}

/** `Retry {count}` → `⟦Řéťřý {count}⟧`: placeholders stay intact for interpolation. */
export function pseudoLocalize(text: string): string {
  return `⟦${accentTemplate(text)}⟧`;
}

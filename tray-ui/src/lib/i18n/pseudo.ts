// The pseudo-locale: every catalogue string accented and bracketed, placeholders kept, so an
// e2e pass can fail on any visible text that did not come through the catalogue.
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

/** `Retry {count}` → `⟦Řéťřý {count}⟧`: placeholders stay intact for interpolation. */
export function pseudoLocalize(text: string): string {
  const parts = text.split(/(\{[a-zA-Z0-9_]+\})/);
  const body = parts
    .map((p) => (p.startsWith('{') ? p : p.replace(/[a-zA-Z]/g, (ch) => accents[ch] ?? ch)))
    .join('');
  return `⟦${body}⟧`;
}

// Finds visible words that did not come through the catalogue: run in the pseudo-locale, every
// string of ours is bracketed `⟦…⟧`; what is left outside the brackets must be data (numbers,
// pids, ports, paths, versions, binary names) or sit in an element marked external
// (`data-i18n="external"`, `translate="no"`, code). Returns one line per offender.
import { browser } from '@wdio/globals';

export async function untranslatedStrings(): Promise<string[]> {
  return browser.execute(() => {
    // Words that are data, never prose: Palyra's binaries, streams, units after a number.
    const DATA_WORD =
      /^(v?\d[\w.:/-]*|palyra[\w-]*|palyrad|browserd|nodehost|node|host|stdout|stderr|ms|s|PID)$/;
    function isExternal(el: Element | null): boolean {
      const marked = el?.closest('[data-i18n], [translate="no"], code, .mono');
      if (!marked) return false;
      return marked.getAttribute('data-i18n') !== 'ui';
    }
    function leftover(text: string): string | null {
      // Innermost first: a catalogue string can carry another as a value (⟦…⟦2š⟧ ágó⟧).
      let outside = text;
      while (/⟦[^⟦⟧]*⟧/.test(outside)) outside = outside.replace(/⟦[^⟦⟧]*⟧/g, ' ');
      // Paths and URLs are data.
      outside = outside.replace(/(?:[a-z]+:\/\/|~|\.{0,2})\/\S*/g, ' ');
      const words = outside.match(/[\p{L}][\p{L}\p{N}_\-.]*/gu) ?? [];
      const bad = words.filter((w) => !DATA_WORD.test(w));
      return bad.length > 0 ? bad.join(' ') : null;
    }
    function visible(el: Element): boolean {
      if (el.tagName === 'OPTION') return visible(el.closest('select') ?? el.parentElement!);
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
      return (el as HTMLElement).getClientRects().length > 0;
    }
    const problems: string[] = [];
    const describe = (el: Element): string =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (['SCRIPT', 'STYLE', 'svg', 'path'].includes(el.tagName)) continue;
      if (!visible(el) || isExternal(el)) continue;
      for (const node of Array.from(el.childNodes)) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const bad = leftover(node.textContent ?? '');
        if (bad) problems.push(`${describe(el)} text "${node.textContent?.trim()}" (${bad})`);
      }
      for (const attr of ['aria-label', 'title', 'placeholder', 'aria-valuetext']) {
        const value = el.getAttribute(attr);
        if (!value) continue;
        const bad = leftover(value);
        if (bad) problems.push(`${describe(el)} [${attr}="${value}"] (${bad})`);
      }
    }
    return problems;
  });
}

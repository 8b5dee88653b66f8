import { afterEach, describe, expect, it } from 'vitest';
import { resolveLocale, setLocale, systemLocale, t } from '../../../tray-ui/src/lib/i18n';
import { czech, english, sameInBothLanguages } from '../../../tray-ui/src/lib/i18n/catalog';
import { pseudoLocalize } from '../../../tray-ui/src/lib/i18n/pseudo';

describe('the string catalogue', () => {
  afterEach(() => setLocale('en'));

  it('shows the active locale and switches without a reload', () => {
    expect(t('common.retry')).toBe('Retry');
    setLocale('cs');
    expect(t('common.retry')).toBe('Zkusit znovu');
    expect(document.documentElement.lang).toBe('cs');
  });

  it('pseudo-localizes every letter but keeps placeholders for interpolation', () => {
    expect(pseudoLocalize('Retry {count} times')).toBe('⟦Řéťřý {count} ťíméš⟧');
    setLocale('pseudo');
    expect(t('common.retry')).toMatch(/^⟦.*⟧$/);
  });

  it('follows the system language when asked, English when it is one we do not ship', () => {
    expect(systemLocale(['cs-CZ', 'en-US'])).toBe('cs');
    expect(systemLocale(['de-DE'])).toBe('en');
    expect(resolveLocale('system', ['cs'])).toBe('cs');
    expect(resolveLocale('en', ['cs'])).toBe('en');
  });

  it('calls the gateway "brána" throughout the Czech catalogue, never "gateway"', () => {
    const leftover = Object.entries(czech).filter(([, text]) => /gateway/i.test(text));
    expect(leftover).toEqual([]);
    // Where a text names the gateway as a thing of its own, it says which daemon that is.
    expect(czech['health.binary.gateway']).toBe('Brána (palyrad)');
    expect(czech['setup.step.gateway.title']).toBe('Brána (palyrad) je dostupná');
  });

  it('has a Czech string for every English key, and no Czech string left in English', () => {
    expect(Object.keys(czech).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english) as (keyof typeof english)[]) {
      if (english[key].length > 3 && !sameInBothLanguages.has(key))
        expect(czech[key], key).not.toBe(english[key]);
    }
  });
});

describe('message format', () => {
  afterEach(() => setLocale('en'));

  it('keeps plural syntax and placeholders intact in the pseudo-locale', () => {
    setLocale('pseudo');
    expect(t('nav.warningCount', { count: 2 })).toBe('⟦2 wářňíňgš⟧');
    expect(t('health.overall.oneStopped', { name: 'palyrad' })).toBe('⟦palyrad šťóppéď⟧');
  });

  it('leaves a placeholder it has no value for visible rather than inventing one', () => {
    expect(t('health.overall.oneStopped')).toBe('{name} stopped');
  });
});

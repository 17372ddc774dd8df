/**
 * i18next setup. Vietnamese is the default; the language lives in localStorage before sign-in
 * and in the user's account (PATCH /api/me) after, so every device follows the account.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/vi';
import { vi } from './vi.ts';
import { en } from './en.ts';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

const STORAGE_KEY = 'binhdang.lang';

// Date inputs parse what users type as DD/MM/YYYY.
dayjs.extend(customParseFormat);

function isLang(v: unknown): v is Lang {
  return v === 'vi' || v === 'en';
}

export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : 'vi';
  } catch {
    // Storage can be blocked (private mode, policies); Vietnamese is the safe default.
    return 'vi';
  }
}

export function currentLang(): Lang {
  return isLang(i18next.language) ? i18next.language : 'vi';
}

/** Switches the UI language and remembers it on this device. */
export async function applyLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered on this device; the account still keeps it once signed in.
  }
  document.documentElement.lang = lang;
  dayjs.locale(lang);
  if (i18next.language !== lang) await i18next.changeLanguage(lang);
}

export async function initI18n(): Promise<void> {
  const lang = storedLang();
  document.documentElement.lang = lang;
  dayjs.locale(lang);
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: lang,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
}

// Typed keys: a misspelt t('…') key fails the type check instead of showing the raw key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}

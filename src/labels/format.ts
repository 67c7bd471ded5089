import type { MonetaryAmount } from "../protocol/events";

/** A count ready for a plural-aware label: the number as the panel's locale writes it, and its plural category. */
export interface Count {
  count: number;
  /** `count` formatted in the panel's locale (`1,234`). */
  n: string;
  /** `Intl.PluralRules` category of `count` in the panel's locale. */
  plural: Intl.LDMLPluralRule;
}

/** Number formatting in one locale, shared by every view of a panel. */
export interface TracyFormat {
  /** The locale asked for; undefined means the browser's. */
  locale: string | undefined;
  number(n: number): string;
  /** `12.3K`. */
  compact(n: number): string;
  /** One decimal, always shown: `1.8`. */
  decimal(n: number): string;
  /** A ratio 0–1 as a whole percentage: `42%`. */
  percent(ratio: number): string;
  money(amount: MonetaryAmount): string;
  count(n: number): Count;
}

/** Formatters for `locale` (undefined: the browser's). An unknown locale tag falls back to the browser's. */
export function createFormat(locale?: string): TracyFormat {
  const tag = supported(locale);
  const full = new Intl.NumberFormat(tag);
  const compact = new Intl.NumberFormat(tag, { notation: "compact", maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  const plurals = new Intl.PluralRules(tag);
  return {
    locale: tag,
    number: (n) => full.format(n),
    compact: (n) => compact.format(n),
    decimal: (n) => decimal.format(n),
    percent: (ratio) => percent.format(ratio),
    money: (m) => money(tag, m),
    count: (n) => ({ count: n, n: full.format(n), plural: plurals.select(n) }),
  };
}

function supported(locale: string | undefined): string | undefined {
  if (locale === undefined) return undefined;
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : undefined;
  } catch {
    return undefined; // not a well-formed tag
  }
}

function money(locale: string | undefined, m: MonetaryAmount): string {
  const value = Number(m.amount);
  if (!Number.isFinite(value)) return `${m.amount} ${m.currency}`;
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency: m.currency,
      maximumFractionDigits: value < 1 ? 4 : 2,
    }).format(value);
  } catch {
    return `${m.amount} ${m.currency}`;
  }
}

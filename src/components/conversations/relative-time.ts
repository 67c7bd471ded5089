const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];

/**
 * When something happened, relative to `now`, in the locale's words ("2 hours ago", "vor 2
 * Stunden", "قبل ساعتين"); null for a date that can't be read. Under a minute is "now".
 */
export function relativeTime(iso: string, now: number, locale: string | undefined): string | null {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  let format: Intl.RelativeTimeFormat;
  try {
    format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  } catch {
    format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  }
  const diff = at - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  return format.format(0, "second");
}

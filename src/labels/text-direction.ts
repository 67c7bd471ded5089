/** Languages written right to left (BCP 47 primary subtags). */
const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi"]);

/** The panel's writing direction: `dir` when given, else right to left for a right-to-left `locale`. */
export function textDirection(locale: string | undefined, dir?: "ltr" | "rtl" | "auto"): "ltr" | "rtl" | "auto" {
  if (dir !== undefined) return dir;
  const language = locale?.split(/[-_]/)[0]?.toLowerCase();
  return language !== undefined && RTL_LANGUAGES.has(language) ? "rtl" : "ltr";
}

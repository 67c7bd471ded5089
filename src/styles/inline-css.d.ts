// Vite's `?inline` CSS import: the processed stylesheet as a string (no <link> or <style> added to the page).
declare module "*.css?inline" {
  const css: string;
  export default css;
}

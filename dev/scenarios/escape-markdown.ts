/**
 * Text that markdown shows as written, inside a line: the characters that open or close inline syntax (emphasis,
 * code, links, autolinks and HTML, strikethrough, entities, table cells) are escaped. Not for the start of a line,
 * where `#`, `-` or `1.` would still open a block.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~&|]/g, "\\$&");
}

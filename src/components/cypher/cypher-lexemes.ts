// How Cypher writes strings, quoted names and comments: one definition for every reader of a query (the highlighter's
// tokenizer, which loads with its chunk, and the card header's summary, which is in the main chunk). An unclosed one
// runs to the end of the text.

export const LINE_COMMENT = String.raw`\/\/[^\r\n]*`;
export const BLOCK_COMMENT = String.raw`\/\*[\s\S]*?(?:\*\/|$)`;
export const SINGLE_STRING = String.raw`'(?:[^'\\]|\\[\s\S])*(?:'|$)`;
export const DOUBLE_STRING = String.raw`"(?:[^"\\]|\\[\s\S])*(?:"|$)`;
export const BACKTICK_NAME = "`(?:[^`]|``)*(?:`|$)";

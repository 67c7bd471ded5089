import type * as SimpleBlocks from "../../src/markdown/simple-blocks";

/**
 * The simple-blocks module with its block readers reporting every block they read, for tests that count how often
 * blocks are parsed: a block read without the parser counts as a parse.
 */
export function countingSimpleBlocks(actual: typeof SimpleBlocks, onRead: (text: string) => void): typeof SimpleBlocks {
  const counted =
    <R>(read: (text: string) => R | null) =>
    (text: string) => {
      const block = read(text);
      if (block) onRead(text);
      return block;
    };
  return { ...actual, simpleBlockOf: counted(actual.simpleBlockOf), simpleItemOf: counted(actual.simpleItemOf) };
}

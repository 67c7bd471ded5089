import { mulberry32 } from "./rng";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ALPHANUMERIC = `0123456789${LETTERS}`;
const SPAN = LETTERS.length ** 3;

export interface OpaqueIds {
  /** The id for `name`, the same on every call: `sevt_…` like the Managed Agents API's. */
  (name: string): string;
  /** A fresh id. */
  next(): string;
}

/**
 * Event ids shaped like the real upstream's (`sevt_011CZkZGOp0iBcp4kaQSihUmy`): opaque, and here
 * made to sort *against* the order they are handed out, whether compared as strings or with
 * digit runs as numbers, so no test can pass by ordering events by id.
 */
export function createOpaqueIds(seed = 7, prefix = "sevt_"): OpaqueIds {
  const random = mulberry32(seed);
  const named = new Map<string, string>();
  let issued = 0;
  const next = (): string => {
    const rank = SPAN - 1 - (issued++ % SPAN);
    const head =
      (LETTERS[Math.floor(rank / LETTERS.length ** 2)] as string) +
      (LETTERS[Math.floor(rank / LETTERS.length) % LETTERS.length] as string) +
      (LETTERS[rank % LETTERS.length] as string);
    let tail = "";
    for (let i = 0; i < 21; i++) tail += ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)];
    return `${prefix}${head}${tail}`;
  };
  const ids = ((name: string) => {
    let id = named.get(name);
    if (id === undefined) {
      id = next();
      named.set(name, id);
    }
    return id;
  }) as OpaqueIds;
  ids.next = next;
  return ids;
}

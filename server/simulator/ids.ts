import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Ids shaped like the real ones (`sevt_011CZkZGOp0iBcp4kaQSihUmy`): a fixed prefix and random base62,
 * so that nothing can order events by id — clients must use the order they were given.
 */
export function opaqueId(prefix: string): string {
  let out = "";
  while (out.length < 21) {
    for (const byte of randomBytes(32)) {
      if (byte < 248 && out.length < 21) out += ALPHABET[byte % 62];
    }
  }
  return `${prefix}_011C${out}`;
}

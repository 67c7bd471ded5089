const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * An id shaped like the Managed Agents API's (`sevt_011CZkZGOp0iBcp4kaQSihUmy`): a type prefix
 * and random base62. Like the real ones, they do not sort in the order events happen.
 */
export function opaqueId(prefix: string): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let id = `${prefix}_011C`;
  for (const byte of bytes) id += BASE62[byte % 62];
  return id;
}

import { FREEZE_PAYLOADS, PAYLOADS } from "../../test/browser/security/corpus";

/**
 * Replies from the security corpus that used to freeze or crash the page. The browser tests check
 * what the panel renders of them (capped, nothing crashed); what that costs is measured here.
 */
export const HOSTILE_REPLY_IDS = [
  "nested-list-items-2000",
  "nested-quotes-4000",
  "nested-mixed-containers",
  "nested-emphasis-300",
  "nested-lists",
  "huge-word-1mb",
  "giant-table-200x500",
  "nested-brackets-80k",
] as const;

export type HostileReplyId = (typeof HOSTILE_REPLY_IDS)[number];

export function hostileReply(id: string): string {
  const payload = [...PAYLOADS, ...FREEZE_PAYLOADS].find((p) => p.id === id);
  if (!payload) throw new Error(`bench: no hostile payload ${id}`);
  return payload.text;
}

import type { GuardNoteCode } from "../guard-types.js";

/** Thrown while reading or checking a query; the guard turns it into a rejection reason. */
export class GuardRejection extends Error {
  constructor(
    readonly code: GuardNoteCode,
    message: string,
  ) {
    super(message);
    this.name = "GuardRejection";
  }
}

export function reject(code: GuardNoteCode, message: string): never {
  throw new GuardRejection(code, message);
}

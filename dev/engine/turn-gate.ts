import type { CancelScope } from "./cancel-scope";

/** Where a turn stands at one of its pauses, for `TurnGate` conditions. */
export interface TurnPoint {
  /** A message is being streamed (its `event_start` went out, its final event not yet). */
  readonly streamingMessage: boolean;
  /** How many events of this type the session has logged so far. */
  logged(type: string): number;
}

/**
 * A test knob: stops scripted turns at their next pause once a condition holds, until released.
 * Tests reach "mid-turn" by the turn's state rather than by timing, whatever the machine's speed.
 */
export class TurnGate {
  #when: ((point: TurnPoint) => boolean) | null = null;
  readonly #held = new Set<() => void>();

  /** Turns stopped at the gate now. */
  get heldCount(): number {
    return this.#held.size;
  }

  close(when: (point: TurnPoint) => boolean = () => true): void {
    this.#when = when;
  }

  open(): void {
    this.#when = null;
    for (const release of [...this.#held]) release();
  }

  /** Resolves at once unless the gate is closed for `point`; rejects if the turn is cancelled while held. */
  async pass(point: TurnPoint, scope: CancelScope): Promise<void> {
    if (!this.#when?.(point)) return;
    let release: () => void = () => {};
    try {
      await scope.wait<void>((resolve) => {
        release = resolve;
        this.#held.add(release);
      });
    } finally {
      this.#held.delete(release);
    }
  }
}

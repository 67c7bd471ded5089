import { TurnCancelled } from "./errors";

/**
 * Owns every timer and pending wait of one turn, so an interrupt can stop the
 * turn at once and leave nothing scheduled behind it.
 */
export class CancelScope {
  #cancelled = false;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #waiters = new Set<(error: Error) => void>();

  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Timers and waits not yet settled (0 after `cancel()`). */
  get pendingCount(): number {
    return this.#timers.size + this.#waiters.size;
  }

  throwIfCancelled(): void {
    if (this.#cancelled) throw new TurnCancelled();
  }

  sleep(ms: number): Promise<void> {
    if (this.#cancelled) return Promise.reject(new TurnCancelled());
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#waiters.delete(reject);
        resolve();
      }, ms);
      this.#timers.add(timer);
      this.#waiters.add(reject);
    });
  }

  /** A promise settled from outside via `resolve`, rejected by `cancel()`. */
  wait<T>(register: (resolve: (value: T) => void) => void): Promise<T> {
    if (this.#cancelled) return Promise.reject(new TurnCancelled());
    return new Promise<T>((resolve, reject) => {
      this.#waiters.add(reject);
      register((value) => {
        this.#waiters.delete(reject);
        resolve(value);
      });
    });
  }

  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const reject of waiters) reject(new TurnCancelled());
  }
}

import type { ChangeEvent } from '../api/protocol.js';

/** Fan-out of entity changes to subscribers (API connections). Listeners must not throw. */
export class ChangeFeed {
  private readonly listeners = new Set<(e: ChangeEvent) => void>();

  subscribe(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(e: ChangeEvent): void {
    for (const l of this.listeners) l(e);
  }

  get subscriberCount(): number { return this.listeners.size; }
}

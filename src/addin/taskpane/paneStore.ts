/** The pane's state and who listens to it (React's useSyncExternalStore, tests). */
import type { PaneState } from "./paneState";

type Listener = (state: PaneState) => void;

export class PaneStore {
  private readonly listeners = new Set<Listener>();

  constructor(protected state: PaneState) {}

  getState = (): PaneState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}

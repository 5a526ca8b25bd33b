type CloseHook = () => void | Promise<void>;

/**
 * What must happen when the mock closes: long-lived responses (event streams,
 * long polls) register a hook that ends them, so that a shutdown is not held
 * up waiting for a client that never hangs up.
 */
export class Lifecycle {
  private readonly hooks = new Set<CloseHook>();
  private state: 'open' | 'closing' = 'open';

  get closing(): boolean {
    return this.state === 'closing';
  }

  /** Runs `hook` when the mock closes (at once if it already is); returns a function that unregisters it. */
  onClose(hook: CloseHook): () => void {
    if (this.closing) {
      void Promise.resolve().then(hook).catch(() => undefined);
      return () => undefined;
    }
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** Marks the mock as closing and runs every hook once; a failing hook does not stop the others. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.state = 'closing';
    const hooks = [...this.hooks];
    this.hooks.clear();
    await Promise.all(hooks.map((h) => Promise.resolve().then(h).catch(() => undefined)));
  }
}

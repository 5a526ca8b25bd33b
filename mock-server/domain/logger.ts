/** The mock's console. The domain and the vendor APIs write hints through it; never a secret, never a request body. */
export interface Logger {
  /** A hint to the developer about a request that is refused for a reason easy to miss. */
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  /** Start-up and shutdown lines; optional, so a test may pass a smaller logger. */
  info?(message: string): void;
  /** Absent when debug lines are off, so that nothing is spent preparing them. */
  debug?(message: string): void;
}

export const consoleLogger: Logger = {
  warn: (m) => console.warn(m),
  error: (m, err) => console.error(m, err),
};

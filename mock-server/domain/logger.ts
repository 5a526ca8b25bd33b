/** The mock's console. The domain and the vendor APIs write hints through it; never a secret. */
export interface Logger {
  /** A hint to the developer about a request that is refused for a reason easy to miss. */
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const consoleLogger: Logger = {
  warn: (m) => console.warn(m),
  error: (m, err) => console.error(m, err),
};

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** Browser origins the mock answers: any localhost, 127.0.0.1 or [::1] port, and the configured `corsOrigins`. */
export function isAllowedOrigin(origin: string, extraOrigins: readonly string[]): boolean {
  return LOCAL_ORIGIN.test(origin) || extraOrigins.includes(origin);
}

export const originRefusal = (origin: string): string =>
  `Origin ${origin} is not allowed to call the mock; add it to corsOrigins in the config file (e.g. {"corsOrigins":["${origin}"]}). Any localhost, 127.0.0.1 or [::1] port is allowed already`;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The host name of a Host header, without port or brackets, in lower case. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

/**
 * Whether a Host header may reach the admin API of a mock bound to loopback.
 * A DNS-rebinding page reaches the mock under its own domain name, so names
 * other than localhost (and `allowedHosts`) are refused; IP literals cannot
 * be rebound and pass. An `allowedHosts` entry starting with `.` allows its
 * subdomains too, as webpack-dev-server does.
 */
export function isAllowedHost(host: string | undefined, allowedHosts: readonly string[]): boolean {
  if (host === undefined) return true;
  const name = hostName(host);
  if (name === 'localhost' || name.endsWith('.localhost') || IPV4.test(name) || name.includes(':')) return true;
  return allowedHosts.some((a) => {
    const entry = a.toLowerCase();
    return entry === name || (entry.startsWith('.') && (name === entry.slice(1) || name.endsWith(entry)));
  });
}

/** Whether a listen address only accepts connections from this machine. */
export function isLoopback(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  return a === 'localhost' || a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a) || a === '::ffff:127.0.0.1';
}

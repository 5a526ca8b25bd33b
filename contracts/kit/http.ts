import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

/**
 * The kit's one way to make a request. CI runners put a corporate proxy in
 * HTTPS_PROXY / HTTP_PROXY (and exceptions in NO_PROXY); Node's own fetch
 * ignores them, so when any is set the kit's requests go through undici's
 * EnvHttpProxyAgent, which reads all three (lower case wins, as curl does).
 * A private CA needs nothing here: NODE_EXTRA_CA_CERTS is read by Node's TLS,
 * which both fetches use.
 */
const PROXY_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY'] as const;

export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some((name) => Boolean(env[name]));
}

let agent: EnvHttpProxyAgent | undefined;

// undici's fetch is the same implementation Node ships, typed by its own package;
// the kit only uses what both declare alike (status, headers, text, json).
const proxiedFetch = undiciFetch as unknown as typeof fetch;

/**
 * undici marks EnvHttpProxyAgent experimental with a process warning at first use.
 * The kit pins undici's major version and its tests cover the agent, so that warning
 * would only be noise in every proxied CI log; it is held back while the agent is made.
 */
function quietly<T>(make: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    return make();
  } finally {
    process.emitWarning = emit;
  }
}

export const kitFetch: typeof fetch = (input, init) => {
  if (!proxyConfigured()) return fetch(input, init);
  // Plain HTTP goes to the proxy as absolute-form requests and HTTPS through CONNECT, as curl
  // does; many corporate proxies refuse CONNECT to anything but port 443.
  agent ??= quietly(() => new EnvHttpProxyAgent({ proxyTunnel: false } as ConstructorParameters<typeof EnvHttpProxyAgent>[0]));
  return proxiedFetch(input, { ...init, dispatcher: agent } as RequestInit);
};

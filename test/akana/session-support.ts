import type { Harness } from '../support/harness';

/** A logged-in Akana client: the cookie header to send back, the CSRF header the session needs, and its UserID. */
export interface Session {
  cookie: string;
  csrf: Record<string, string>;
  userID: string;
}

type WithHeaders = { headers: Record<string, unknown> };

/** The Set-Cookie headers of an answer (undefined when it sets none). */
export const setCookies = (res: WithHeaders): string[] | undefined => res.headers['set-cookie'] as string[] | undefined;

/** The cookies an answer sets, by name: read by name, so their order does not matter. */
export function cookiesOf(res: WithHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of setCookies(res) ?? []) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

/** Logs in through `POST /api/login` (200 expected) and keeps what later calls send back. */
export async function login(h: Harness, email: string, password: string): Promise<Session> {
  const res = await h.request.post('/api/login').set('Accept', 'application/json').send({ email, password }).expect(200);
  const c = cookiesOf(res);
  return { cookie: `AtmoAuthToken_authmock=${c.AtmoAuthToken_authmock}`, csrf: { 'X-Csrf-Token_authmock': c['Csrf-Token_authmock'] }, userID: res.body.userID };
}

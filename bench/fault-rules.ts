import type { Proc } from './processes';
import { waitUntilServing } from './processes';
import { median, round } from './stats';

/** Ten rules a login never matches: other vendors, and other Edge Impulse operations. */
export const NON_MATCHING_RULES = [
  { vendor: 'emnify', status: 500 },
  { vendor: 'akana', status: 503 },
  { vendor: 'emnify', operationId: 'authenticate', delayMs: 100 },
  { vendor: 'akana', operationId: 'resendActivation', drop: 'reset' },
  { operationId: 'user_password_patch', status: 429 },
  { vendor: 'edge-impulse', operationId: 'resetPassword', status: 500 },
  { vendor: 'edge-impulse', operationId: 'activateCurrentUser', status: 502 },
  { vendor: 'edge-impulse', operationId: 'requestResetPassword', delayMs: [10, 20] },
  { operationId: 'verifyResetPassword', status: 504 },
  { vendor: 'emnify', status: 500, probability: 0.5 },
];

export interface FaultRulesRow {
  rules: number;
  loginRps: number;
  noneRps: number;
  /** Median of the per-round ratios, rules over none. */
  ratio: number;
}

export interface FaultRulesDeps {
  host: string;
  rounds: number;
  warmUpSeconds: number;
  startOurs(port: number): Proc;
  /** Loads `url` with the login request (for `seconds`, else the bench's duration); resolves to requests per second. */
  loadLogin(url: string, seconds?: number): Promise<number>;
  loginUrl(base: string): string;
}

/**
 * Login on a server holding ten fault rules that never match it, against one
 * holding none, in turns (A B A B): what a rule-holding server charges the
 * requests the rules leave alone.
 */
export async function measureFaultRules(deps: FaultRulesDeps): Promise<FaultRulesRow> {
  const nonePort = 4601;
  const rulesPort = 4602;
  const none = deps.startOurs(nonePort);
  const withRules = deps.startOurs(rulesPort);
  try {
    const bases = [nonePort, rulesPort].map((p) => `http://${deps.host}:${p}`);
    for (const base of bases) await waitUntilServing(() => fetch(`${base}/__admin/faults`), process.hrtime.bigint());
    for (const rule of NON_MATCHING_RULES) {
      const res = await fetch(`${bases[1]}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
      if (res.status !== 201) throw new Error(`adding a fault rule answered ${res.status}: ${await res.text()}`);
    }
    for (const base of bases) await deps.loadLogin(deps.loginUrl(base), deps.warmUpSeconds);
    const runs: { none: number; rules: number }[] = [];
    for (let r = 0; r < deps.rounds; r++) {
      const a = await deps.loadLogin(deps.loginUrl(bases[0]));
      const b = await deps.loadLogin(deps.loginUrl(bases[1]));
      runs.push({ none: a, rules: b });
    }
    return {
      rules: NON_MATCHING_RULES.length,
      loginRps: round(median(runs.map((x) => x.rules)), 0),
      noneRps: round(median(runs.map((x) => x.none)), 0),
      ratio: round(median(runs.map((x) => x.rules / x.none))),
    };
  } finally {
    await none.stop();
    await withRules.stop();
  }
}

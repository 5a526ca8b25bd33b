import { readUint32BE } from './bytes';
import { DomainError } from './errors';
import type { RandomSource } from './random';
import type { VendorId } from '../generated/vendors';

/** Milliseconds, or `[min, max]` for a uniform random wait. */
export type DelaySpec = number | number[];

export interface FaultRuleInput {
  vendor?: VendorId;
  operationId?: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: DelaySpec;
  drop?: 'reset';
  times?: number;
  probability?: number;
}

export interface FaultRule extends FaultRuleInput {
  readonly id: string;
  probability: number;
  /** Requests the rule still applies to; null without `times`. */
  remaining: number | null;
}

/** The operations that may be faulted, by vendor id. */
export type FaultTargets = ReadonlyMap<string, ReadonlySet<string>>;

export const MAX_FAULT_RULES = 100;
export const MAX_DELAY_MS = 60_000;

// RFC 9110 token characters; anything else would make the header unwritable.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// These frame the message itself; a rule that set them would break the answer, not fault it.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer']);

const invalid = (field: string, message: string): DomainError => new DomainError('INVALID_INPUT', message, { field });

/** A number in [0, 1) from the injected random source, so tests can predict every draw. */
export function unitDraw(random: RandomSource): number {
  return readUint32BE(random.bytes(4)) / 0x1_0000_0000;
}

/** The wait a delay spec asks for: the number itself, or uniform in [min, max]. */
export function drawDelay(random: RandomSource, spec: DelaySpec): number {
  if (typeof spec === 'number') return spec;
  const [min, max] = spec;
  return min === max ? min : Math.round(min + unitDraw(random) * (max - min));
}

/** Why a delay spec is unusable, or null when it is fine: 0 to 60,000 ms, and min at most max. */
export function delayProblem(spec: unknown): string | null {
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= MAX_DELAY_MS;
  if (ok(spec)) return null;
  if (Array.isArray(spec) && spec.length === 2 && ok(spec[0]) && ok(spec[1])) {
    return spec[0] <= spec[1] ? null : `has its minimum ${spec[0]} above its maximum ${spec[1]}`;
  }
  return `must be a number of milliseconds from 0 to ${MAX_DELAY_MS}, or [min, max] of two such numbers`;
}

/**
 * The fault rules of one world (a Runtime), tried in creation order. A rule
 * with `times` is removed once used up, so an idle mock has none to look at.
 */
export class FaultRules {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(
    private readonly random: RandomSource,
    private readonly targets: FaultTargets,
  ) {}

  get size(): number {
    return this.rules.length;
  }

  /** An empty store with the same targets and random source (to check rules without touching these). */
  copyEmpty(): FaultRules {
    return new FaultRules(this.random, this.targets);
  }

  add(input: FaultRuleInput): FaultRule {
    this.check(input);
    if (this.rules.length >= MAX_FAULT_RULES) throw new DomainError('INVALID_INPUT', `There are already ${MAX_FAULT_RULES} fault rules; remove some first`);
    const rule: FaultRule = { id: `fault-${this.nextId++}`, ...input, probability: input.probability ?? 1, remaining: input.times ?? null };
    this.rules.push(rule);
    return { ...rule };
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * The first rule that applies to a request of this vendor and operation, counted
   * down. A rule whose probability draw misses is passed over for the next one.
   */
  take(vendor: string, operationId: string): FaultRule | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i];
      if (rule.vendor !== undefined && rule.vendor !== vendor) continue;
      if (rule.operationId !== undefined && rule.operationId !== operationId) continue;
      if (rule.probability < 1 && !(unitDraw(this.random) < rule.probability)) continue;
      if (rule.remaining !== null && --rule.remaining === 0) this.rules.splice(i, 1);
      return rule;
    }
    return undefined;
  }

  /** The rules in their order and the next id, for a state document. */
  snapshot(): { nextId: number; rules: FaultRule[] } {
    return { nextId: this.nextId, rules: this.list() };
  }

  /**
   * Replaces every rule. Each is checked as `add` checks it (a DomainError
   * naming `rules.<i>.<field>`), and ids must be unique, before anything changes.
   */
  restore(data: { nextId: number; rules: readonly FaultRule[] }): void {
    if (data.rules.length > MAX_FAULT_RULES) throw invalid('rules', `at most ${MAX_FAULT_RULES} fault rules are kept`);
    const ids = new Set<string>();
    data.rules.forEach((rule, i) => {
      try {
        this.check(rule);
      } catch (err) {
        if (err instanceof DomainError) throw invalid(`rules.${i}.${String(err.details.field ?? '')}`, err.message);
        throw err;
      }
      if (ids.has(rule.id)) throw invalid(`rules.${i}.id`, `fault rule id ${rule.id} appears twice`);
      ids.add(rule.id);
    });
    this.rules = data.rules.map((r) => ({ ...r }));
    const highest = Math.max(0, ...data.rules.map((r) => Number(/^fault-(\d+)$/.exec(r.id)?.[1] ?? 0)));
    this.nextId = Math.max(data.nextId, highest + 1);
  }

  /** What the schema cannot say: served vendors and operations, and fields that only make sense together. */
  private check(input: FaultRuleInput): void {
    const { vendor, operationId } = input;
    if (vendor !== undefined && !this.targets.has(vendor)) {
      throw invalid('vendor', `vendor ${vendor} is not served by this mock; use one of ${[...this.targets.keys()].join(', ')}`);
    }
    if (operationId !== undefined) {
      const owners = vendor === undefined ? [...this.targets.values()] : [this.targets.get(vendor)!];
      if (!owners.some((ops) => ops.has(operationId))) {
        const known = owners.flatMap((ops) => [...ops]).sort();
        throw invalid('operationId', `operationId ${operationId} is not an operation of ${vendor ?? 'any served vendor'}; use one of ${known.join(', ')}`);
      }
    }
    if (input.status === undefined && input.delayMs === undefined && input.drop === undefined) {
      throw invalid('status', 'A fault rule needs at least one of status, delayMs or drop');
    }
    if (input.delayMs !== undefined) {
      const problem = delayProblem(input.delayMs);
      if (problem) throw invalid('delayMs', `delayMs ${problem}`);
    }
    if (input.body !== undefined && input.status === undefined) throw invalid('body', 'body is sent only with a status; give status too');
    if (input.drop !== undefined) {
      for (const field of ['status', 'body', 'headers'] as const) {
        if (input[field] !== undefined) throw invalid(field, `drop sends no answer, so ${field} cannot go with it`);
      }
    }
    for (const [name, value] of Object.entries(input.headers ?? {})) {
      if (!HEADER_NAME.test(name)) throw invalid(`headers.${name}`, `headers: '${name}' is not a valid header name`);
      if (FRAMING_HEADERS.has(name.toLowerCase())) throw invalid(`headers.${name}`, `headers: ${name} frames the HTTP message and cannot be set by a fault rule`);
      if (!HEADER_VALUE.test(value)) throw invalid(`headers.${name}`, `headers.${name} holds characters a header value cannot`);
    }
  }
}

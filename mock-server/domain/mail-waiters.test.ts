import { LongLived, type Timers } from './events';
import { MailWaiters, TooManyWaits } from './mail-waiters';
import { Mailbox, type OutgoingMail } from './mailbox';

/** Timers that fire only when the test says so. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, () => void>();
  const timers: Timers = {
    setTimeout: (fn) => (pending.set(next, fn), next++),
    clearTimeout: (h) => void pending.delete(h as number),
    setInterval: (fn) => (pending.set(next, fn), next++),
    clearInterval: (h) => void pending.delete(h as number),
  };
  const fireAll = (): void => {
    for (const [id, fn] of [...pending]) {
      pending.delete(id);
      fn();
    }
  };
  return { timers, pending, fireAll };
}

const mail = (to: string, kind: OutgoingMail['kind'] = 'activation', vendor: OutgoingMail['vendor'] = 'emnify'): OutgoingMail => ({ vendor, kind, to, subject: 's', text: 't', code: 'c0de' });

function setup(limit = 1000) {
  const mailbox = new Mailbox(100);
  const longLived = new LongLived();
  const t = manualTimers();
  const waiters = new MailWaiters(mailbox, longLived, t.timers, limit);
  const send = (m: OutgoingMail) => {
    const sent = mailbox.send(m, 0);
    waiters.deliver(sent);
    return sent;
  };
  return { mailbox, longLived, waiters, send, ...t };
}

describe('MailWaiters', () => {
  test('a matching message already captured answers at once, the newest first', async () => {
    const s = setup();
    s.send(mail('a@x.example'));
    const newer = s.send(mail('A@x.example'));
    await expect(s.waiters.wait({ filter: { to: 'a@x.example' }, after: 0, timeoutMs: 1000 })).resolves.toBe(newer);
    expect(s.waiters.size).toBe(0);
  });

  test('a message sent later answers the wait, and everything the wait held is released', async () => {
    const s = setup();
    const old = s.send(mail('a@x.example'));
    const waiting = s.waiters.wait({ filter: { to: 'a@x.example', kind: 'password-reset' }, after: old.id, timeoutMs: 1000 });
    expect(s.waiters.size).toBe(1);
    s.send(mail('b@x.example', 'password-reset'));
    s.send(mail('a@x.example', 'activation'));
    expect(s.waiters.size).toBe(1);
    const wanted = s.send(mail('a@x.example', 'password-reset'));
    await expect(waiting).resolves.toBe(wanted);
    expect([s.waiters.size, s.pending.size, s.longLived.size]).toEqual([0, 0, 0]);
  });

  test.each([
    ['the timeout', (s: ReturnType<typeof setup>) => s.fireAll()],
    ['endAll (a reset)', (s: ReturnType<typeof setup>) => s.waiters.endAll()],
    ['a shutdown', (s: ReturnType<typeof setup>) => s.longLived.closeAll()],
  ])('%s ends a wait with no message and releases it', async (_label, end) => {
    const s = setup();
    const waiting = s.waiters.wait({ filter: { vendor: 'akana' }, after: 0, timeoutMs: 1000 });
    end(s);
    await expect(waiting).resolves.toBeUndefined();
    expect([s.waiters.size, s.pending.size, s.longLived.size]).toEqual([0, 0, 0]);
  });

  test('a client that goes away releases its wait', async () => {
    const s = setup();
    const controller = new AbortController();
    const waiting = s.waiters.wait({ filter: {}, after: 0, timeoutMs: 1000, signal: controller.signal });
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
    expect([s.waiters.size, s.pending.size, s.longLived.size]).toEqual([0, 0, 0]);
  });

  test('a zero timeout answers at once without waiting', async () => {
    const s = setup();
    await expect(s.waiters.wait({ filter: {}, after: 0, timeoutMs: 0 })).resolves.toBeUndefined();
    expect(s.pending.size).toBe(0);
  });

  test('past the limit a wait is refused, and a freed slot can be used again', async () => {
    const s = setup(2);
    const first = s.waiters.wait({ filter: { to: 'one@x.example' }, after: 0, timeoutMs: 1000 });
    void s.waiters.wait({ filter: { to: 'two@x.example' }, after: 0, timeoutMs: 1000 });
    expect(() => s.waiters.wait({ filter: {}, after: 0, timeoutMs: 1000 })).toThrow(TooManyWaits);
    s.send(mail('one@x.example'));
    await first;
    expect(s.waiters.size).toBe(1);
    expect(() => s.waiters.wait({ filter: {}, after: 0, timeoutMs: 1000 })).not.toThrow();
  });

  test('the limit holds across the worlds whose registries are scopes of one app', async () => {
    const app = new LongLived();
    const t = manualTimers();
    const [a, b] = [app.scope(), app.scope()].map((scope) => new MailWaiters(new Mailbox(10), scope, t.timers, 2));
    const first = a.wait({ filter: {}, after: 0, timeoutMs: 1000 });
    void b.wait({ filter: {}, after: 0, timeoutMs: 1000 });
    expect(() => a.wait({ filter: {}, after: 0, timeoutMs: 1000 })).toThrow(TooManyWaits);
    a.endAll();
    await first;
    expect(() => b.wait({ filter: {}, after: 0, timeoutMs: 1000 })).not.toThrow();
    expect(app.size).toBe(2);
  });
});

import { ByteBudget } from './byte-budget';
import { Mailbox, MAIL_SEARCH_MAX, type OutgoingMail } from './mailbox';
import { IdList } from './paging';

const mail = (to: string, subject: string, text = 'Your code is 123456'): OutgoingMail => ({ vendor: 'emnify', kind: 'activation', to, subject, text, code: '123456' });

describe('Mailbox.delete', () => {
  test('removes the message from every listing and gives its bytes back to the shared budget', () => {
    const budget = new ByteBudget(1_000_000);
    const box = new Mailbox(100, budget);
    const first = box.send(mail('a@x.example', 'One'), 1);
    box.send(mail('b@x.example', 'Two'), 2);
    const usedWithBoth = budget.used;
    expect(box.delete(first.id)).toBe(true);
    expect(budget.used).toBeLessThan(usedWithBoth);
    expect(box.list().map((m) => m.to)).toEqual(['b@x.example']);
    expect(box.list({ to: 'A@X.example' })).toEqual([]);
    expect(box.get(first.id)).toBeUndefined();
    box.clear();
    expect(budget.used).toBe(0);
  });

  test('answers false for an id it does not hold, and the oldest message is still dropped first afterwards', () => {
    const box = new Mailbox(2);
    const [a, b] = [box.send(mail('a@x.example', 'A'), 1), box.send(mail('b@x.example', 'B'), 2)];
    expect(box.delete(999)).toBe(false);
    expect(box.delete(b.id)).toBe(true);
    box.send(mail('c@x.example', 'C'), 3);
    box.send(mail('d@x.example', 'D'), 4);
    expect(box.list().map((m) => m.to)).toEqual(['d@x.example', 'c@x.example']);
    expect(box.get(a.id)).toBeUndefined();
  });
});

describe('Mailbox.page with q', () => {
  const box = new Mailbox(100);
  box.send(mail('jan@edge.example', 'Activate your account', 'Welcome, Jan'), 1);
  box.send(mail('eva@emnify.example', 'Reset your password', 'Hello Eva'), 2);
  box.send(mail('kim@akana.example', 'Activate now', 'Hello Kim'), 3);

  test.each([
    ['the address', 'EVA@', ['eva@emnify.example']],
    ['the subject', 'activate', ['kim@akana.example', 'jan@edge.example']],
    ['the text', 'hello', ['kim@akana.example', 'eva@emnify.example']],
    ['nothing', 'nobody', []],
  ])('finds a text in %s, case-insensitively, newest first', (_where, q, expected) => {
    expect(box.page({ q }, { limit: 10 }).items.map((m) => m.to)).toEqual(expected);
  });

  test('pages through the matches with the cursor it hands out', () => {
    const first = box.page({ q: 'example' }, { limit: 2 });
    expect(first.items.map((m) => m.to)).toEqual(['kim@akana.example', 'eva@emnify.example']);
    const second = box.page({ q: 'example' }, { limit: 2, cursor: first.next! });
    expect(second).toEqual({ items: [expect.objectContaining({ to: 'jan@edge.example' })], next: null });
  });

  test('reads a search text only up to its bound', () => {
    expect(box.page({ q: `hello${'x'.repeat(MAIL_SEARCH_MAX)}` }, { limit: 10 }).items).toEqual([]);
  });
});

describe('IdList.remove', () => {
  test.each([
    ['the first id', 1, [5, 3]],
    ['a middle id', 3, [5, 1]],
    ['the last id', 5, [3, 1]],
  ])('removes %s and keeps the order', (_label, id, expected) => {
    const list = new IdList();
    for (const n of [1, 3, 5]) list.push(n);
    expect(list.remove(id)).toBe(true);
    expect(list.newestBefore(Infinity, 10).ids).toEqual(expected);
    expect(list.remove(id)).toBe(false);
  });
});

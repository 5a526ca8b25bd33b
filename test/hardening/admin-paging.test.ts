import { Mailbox } from '../../mock-server/domain/mailbox';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  h.runtime.mailbox.clear();
});
afterEach(() => expect(h.violations()).toEqual([]));

const mail = (i: number) => ({ vendor: i % 2 ? ('akana' as const) : ('emnify' as const), kind: i % 3 ? ('activation' as const) : ('password-reset' as const), to: `user-${i % 5}@x.example`, subject: 's', text: 't', code: `c${i}` });

async function readAll(path: string, key: 'messages' | 'requests', limit: number): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { body: Record<string, unknown> & { next: string | null } } = await h.request.get(path).query({ limit, ...(cursor ? { cursor } : {}) }).expect(200);
    pages++;
    ids.push(...(res.body[key] as { id: number }[]).map((m: { id: number }) => m.id));
    cursor = res.body.next;
  } while (cursor && pages < 100);
  return { ids, pages };
}

describe('GET /__admin/mailbox pages', () => {
  test('100 newest first by default, with a cursor to the next page', async () => {
    const sent = Array.from({ length: 250 }, (_, i) => h.runtime.mailbox.send(mail(i), i).id);
    const res = await h.request.get('/__admin/mailbox').expect(200);
    expect(res.body.messages).toHaveLength(100);
    expect(res.body.messages[0].id).toBe(sent[249]);
    expect(res.body.next).toBe(String(sent[150]));
  });

  test.each([
    ['no filter', {}, () => true],
    ['to (any case)', { to: 'USER-3@x.example' }, (i: number) => i % 5 === 3],
    ['vendor', { vendor: 'akana' }, (i: number) => i % 2 === 1],
    ['kind', { kind: 'password-reset' }, (i: number) => i % 3 === 0],
    ['vendor and kind', { vendor: 'emnify', kind: 'activation' }, (i: number) => i % 2 === 0 && i % 3 !== 0],
    ['to, vendor and kind', { to: 'user-1@x.example', vendor: 'akana', kind: 'activation' }, (i: number) => i % 5 === 1 && i % 2 === 1 && i % 3 !== 0],
  ])('walking every page with filter %s gives each match once, newest first', async (_label, filter, match) => {
    const sent = Array.from({ length: 300 }, (_, i) => h.runtime.mailbox.send(mail(i), i).id);
    const expected = sent.filter((_, i) => match(i)).reverse();
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { messages: { id: number }[]; next: string | null } } = await h.request.get('/__admin/mailbox').query({ ...filter, limit: 7, ...(cursor ? { cursor } : {}) }).expect(200);
      ids.push(...res.body.messages.map((m: { id: number }) => m.id));
      cursor = res.body.next;
    } while (cursor);
    expect(ids).toEqual(expected);
  });

  test.each([
    ['limit 0', { limit: 0 }, 'limit'],
    ['limit 1001', { limit: 1001 }, 'limit'],
    ['a cursor that is not one', { cursor: 'abc' }, 'cursor'],
  ])('refuses %s with 400 naming the field', async (_label, query, field) => {
    const res = await h.request.get('/__admin/mailbox').query(query).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  test('an empty mailbox answers an empty page with next null', async () => {
    const res = await h.request.get('/__admin/mailbox').query({ to: 'nobody@x.example' }).expect(200);
    expect(res.body).toEqual({ messages: [], next: null });
  });
});

describe('Mailbox', () => {
  test('drops its oldest messages from every index when full', () => {
    const box = new Mailbox(10);
    for (let i = 0; i < 35; i++) box.send(mail(i), i);
    expect(box.size).toBe(10);
    expect(box.list().map((m) => m.id)).toEqual([35, 34, 33, 32, 31, 30, 29, 28, 27, 26]);
    expect(box.list({ to: 'user-0@x.example' }).map((m) => m.id)).toEqual([31, 26]);
    expect(box.list({ vendor: 'akana', kind: 'password-reset' }).map((m) => m.id)).toEqual([34, 28]);
  });

  test('clear empties every index', () => {
    const box = new Mailbox(10);
    box.send(mail(1), 1);
    box.clear();
    expect(box.page({ vendor: 'akana' }, { limit: 10 })).toEqual({ items: [], next: null });
  });
});

describe('GET /__admin/requests pages', () => {
  test('newest first, every entry once across pages, next null at the end', async () => {
    for (let i = 0; i < 30; i++) await h.request.get('/__admin/users').query({ vendor: 'akana' }).expect(200);
    const { ids } = await readAll('/__admin/requests', 'requests', 4);
    // Each page read is journalled too, after it was answered; the first page saw the 30 user reads.
    expect(ids.slice(0, 30)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('keeps paging right once the ring buffer has wrapped', async () => {
    const small = await createHarness({ config: { journalSize: 10 } });
    for (let i = 0; i < 25; i++) await small.request.get('/__admin/users').query({ vendor: 'akana' });
    const first = await small.request.get('/__admin/requests').query({ limit: 4 }).expect(200);
    expect(first.body.requests.map((r: { id: number }) => r.id)).toEqual([25, 24, 23, 22]);
    // Reading the first page was journalled as 26, pushing out 16.
    const second = await small.request.get('/__admin/requests').query({ limit: 100, cursor: first.body.next }).expect(200);
    expect(second.body.requests.map((r: { id: number }) => r.id)).toEqual([21, 20, 19, 18, 17]);
    expect(second.body.next).toBeNull();
  });
});

import type { OpenAPIV3 } from 'openapi-types';
import { bodyAjv } from '../../contracts/core';
import { startMock, type RunningMock } from '../../mock-server/server';
import { compiledSpecs } from '../support/harness';
import { openSse, type SseClient } from '../support/sse';

// The console types the event stream by the admin spec's EventData schema and trusts it past a check of the type;
// this holds the mock to that schema.
let mock: RunningMock;
let client: SseClient | undefined;
afterEach(async () => {
  client?.close();
  await mock?.close();
});

test("every event the mock streams has a type the admin spec's EventData lists, and data that fits the schema given there", async () => {
  const specs = await compiledSpecs();
  const schema = specs.get('admin')!.document.components!.schemas!.EventData as OpenAPIV3.SchemaObject;
  const shapes = schema.properties as Record<string, OpenAPIV3.SchemaObject>;
  mock = await startMock({ specs, port: 0, host: '127.0.0.1' });
  client = await openSse(`${mock.url}/__admin/events`);

  const user = await mock.admin.users.create({ vendor: 'emnify', email: 'event.shapes@emnify.example', status: 'pending' });
  await mock.admin.request('patch', '/users/{id}', { params: { id: user.id }, body: { name: 'Event Shapes' } });
  await mock.admin.request('delete', '/users/{id}', { params: { id: user.id } });
  await fetch(`${mock.url}/v1/api-login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'nobody', password: 'wrong-password-1' }) });
  await mock.admin.clock.advance(60_000);
  await mock.admin.tenants.create('event-shapes');
  await mock.admin.reset();
  await client.next('user', (d) => (d as { action?: string }).action === 'deleted');
  await client.next('reset');

  const events = client.events();
  expect(new Set(events.map((e) => e.event))).toEqual(new Set(Object.keys(shapes)));
  for (const { event, data } of events) {
    const validate = bodyAjv().compile(shapes[event]);
    expect([event, validate(data), validate.errors ?? null]).toEqual([event, true, null]);
  }
});

import { createHarness } from '../support/harness';

// A browser shows a refused CORS request as "Failed to fetch" only: the mock's log says why, once per origin or host.
describe('refused origins and hosts in the log', () => {
  const warnings = (logged: unknown[]): string[] => logged.map((l) => (l as unknown[])[0] as string).filter((m) => m.startsWith('Refused'));

  test.each<[string, string, Record<string, string>, RegExp]>([
    ['a vendor request from a foreign origin', '/v1/api-login', { Origin: 'https://app.example' }, /^Refused origin https:\/\/app\.example: .*"Failed to fetch".*corsOrigins/],
    ['a preflight from a foreign origin', '/v1/api-login', { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' }, /^Refused origin https:\/\/app\.example: .*corsOrigins/],
    ['an admin request from a foreign origin', '/__admin/users', { Origin: 'https://app.example' }, /^Refused origin https:\/\/app\.example: the admin API answers it 403; .*corsOrigins/],
    ['an admin request under a foreign host name', '/__admin/users', { Host: 'rebind.example:4010' }, /^Refused host rebind\.example:4010: .*allowedHosts/],
  ])('%s is logged once as a warning naming the setting, however often it comes', async (_label, path, headers, expected) => {
    const h = await createHarness();
    for (let i = 0; i < 3; i++) {
      const req = headers['Access-Control-Request-Method'] ? h.request.options(path) : h.request.get(path);
      await req.set(headers);
    }
    expect(warnings(h.logged)).toEqual([expect.stringMatching(expected)]);
  });

  test('each refused origin is logged once, and an allowed one never', async () => {
    const h = await createHarness({ config: { corsOrigins: ['https://ok.example'] } });
    for (const origin of ['https://a.example', 'https://b.example', 'https://a.example', 'https://ok.example', 'http://localhost:3000']) {
      await h.request.get('/__admin/users').set('Origin', origin);
    }
    expect(warnings(h.logged).map((m) => m.split(':')[0] + ':' + m.split(':')[1])).toEqual(['Refused origin https://a.example', 'Refused origin https://b.example']);
  });
});

import { FIXTURE_ACCOUNTS } from '../../fixtures';
import { createApp } from '../../mock-server/create-app';
import { seededRandom } from '../../mock-server/domain/random';
import { compiledSpecs } from '../support/harness';

const fixture = FIXTURE_ACCOUNTS.find((f) => f.password && f.username)!;
const storedHash = (app: ReturnType<typeof createApp>): string | null => app.runtime.users.byEmail(fixture.vendor, fixture.email)!.passwordHash;

// scrypt in plain JavaScript costs more than node's: apps of one process share the fixtures' hashes, unless a test injects its random source.
describe("the fixtures' password hashes", () => {
  test('are hashed once for the apps of a process that use the secure random source', async () => {
    const specs = await compiledSpecs();
    const a = createApp({ specs });
    const b = createApp({ specs });
    expect(storedHash(a)).not.toBeNull();
    expect(storedHash(b)).toBe(storedHash(a));
    expect(b.runtime.hasher.verify(fixture.password!, storedHash(b))).toBe(true);
  });

  test('are hashed per app with an injected random source, so its draws stay the same from app to app', async () => {
    const specs = await compiledSpecs();
    const a = createApp({ specs, random: seededRandom('same') });
    const b = createApp({ specs, random: seededRandom('same') });
    const shared = createApp({ specs });
    expect(storedHash(b)).toBe(storedHash(a));
    expect(storedHash(a)).not.toBe(storedHash(shared));
  });

  test('are not shared across hash costs', async () => {
    const specs = await compiledSpecs();
    const cheap = createApp({ specs });
    const dearer = createApp({ specs, config: { passwordHashCost: { N: 32, r: 1, p: 1 } } });
    expect(storedHash(dearer)).toMatch(/^scrypt\$32\$1\$1\$/);
    expect(storedHash(cheap)).toMatch(/^scrypt\$16\$1\$1\$/);
  });
});

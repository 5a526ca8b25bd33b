import { ManualClock } from './clock';
import { MAX_TRUSTED_DEVICES, MultiFactor } from './mfa';
import { seededRandom } from './random';
import type { User } from './user-store';

const user = { id: 1, email: 'a@b.example' } as User;
const mailer = { send: () => ({}) as never };

describe('trusted devices', () => {
  test(`one user keeps at most ${MAX_TRUSTED_DEVICES}: trusting one more forgets the oldest`, () => {
    const mfa = new MultiFactor('emnify', { clock: new ManualClock(), random: seededRandom('mfa'), mailer });
    for (let i = 0; i <= MAX_TRUSTED_DEVICES; i++) mfa.trustDevice(user, `device-${i}`, 1000);
    const devices = mfa.trustedDevices(user);
    expect(devices).toHaveLength(MAX_TRUSTED_DEVICES);
    expect(mfa.isTrustedDevice(user, 'device-0')).toBe(false);
    expect(devices[devices.length - 1].fingerprint).toBe(`device-${MAX_TRUSTED_DEVICES}`);
  });

  test('trusting a device again renews it under a new id, listed once', () => {
    const clock = new ManualClock();
    const mfa = new MultiFactor('emnify', { clock, random: seededRandom('mfa'), mailer });
    const first = mfa.trustDevice(user, { fingerprint: 'laptop', operatingSystem: 'Linux', browser: 'Firefox' }, 1000);
    clock.advance(900);
    const again = mfa.trustDevice(user, 'laptop', 1000);
    clock.advance(900);
    expect(mfa.trustedDevices(user).map((d) => d.id)).toEqual([again.id]);
    expect(again.id).not.toBe(first.id);
  });

  test('forgetting a device another user owns fails with DEVICE_NOT_FOUND', () => {
    const mfa = new MultiFactor('emnify', { clock: new ManualClock(), random: seededRandom('mfa'), mailer });
    const device = mfa.trustDevice(user, 'laptop', 1000);
    expect(() => mfa.forgetTrustedDevice({ ...user, id: 2 }, device.id)).toThrow(expect.objectContaining({ code: 'DEVICE_NOT_FOUND' }));
    mfa.forgetTrustedDevice(user, device.id);
    expect(mfa.trustedDevices(user)).toEqual([]);
  });
});

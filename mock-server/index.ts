/**
 * authmock as a library: start the mock from a test set-up, drive it with the
 * typed admin client, or build the Express app yourself.
 *
 *   const { startMock, totp } = require('authmock');
 *   const mock = await startMock();                 // http://localhost:PORT, a free port
 *   const mail = await mock.admin.mailbox.waitFor({ to: 'someone@example.test', kind: 'activation' });
 *   await mock.close();
 *   totp('JBSWY3DPEHPK3PXP');                         // the current code of a TOTP secret, as the mock computes it
 */
export { startMock, type StartMockOptions, type RunningMock } from './server';
export { createApp, type AppDeps, type MockApp } from './create-app';
export {
  AdminClient,
  AdminApiError,
  MailWaitTimeout,
  MAIL_WAIT_DEFAULT_MS,
  type AdminClientOptions,
  type AdminRequest,
  type AdminSchemas,
  type AdminUser,
  type CreatedUser,
  type CreateUserRequest,
  type JournalEntry,
  type MailKind,
  type MailWaitFilter,
  type Message,
  type MessageDetail,
  type TotpCode,
  type ClockState,
  type RequestFilter,
  type MethodOf,
  type Problem,
  type StateDocument,
  type SuccessOf,
  type Tenant,
  type UserStatus,
  type Vendor,
} from './admin-client';
export { totp } from './totp-code';
export { DEFAULT_CONFIG, type CoreSettings, type MockConfig } from './config';
export { AdjustableClock, ManualClock, type Clock } from './domain/clock';
export { seededRandom, cryptoRandom, type RandomSource } from './domain/random';
export type { Timers } from './domain/events';
export { loadCompiledSpecs, SPECS_DIR } from '../contracts/core';
export { FIXTURE_ACCOUNTS, type FixtureAccount } from '../fixtures';
export type { paths as AdminPaths, operations as AdminOperations } from './generated/admin';

import kitGlobalTeardown from '../../contracts/jest/global-teardown';

/** The kit's report first, then the in-process mock (if one was started) is closed. */
export default async function contractGlobalTeardown(): Promise<void> {
  try {
    await kitGlobalTeardown();
  } finally {
    await globalThis.__authmockContractTarget?.close();
    globalThis.__authmockContractTarget = undefined;
  }
}

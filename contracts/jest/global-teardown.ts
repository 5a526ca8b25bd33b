import path from 'node:path';
import { loadCompiledSpecs, redactText } from '../core';
import { PROBE_KEYS, readEnvironment } from '../kit/environment';
import { adminHeaders } from '../kit/prepare';
import { buildReport, formatReport, readSuiteReports, writeJsonFile } from '../kit/report';
import { dropTenant } from '../kit/tenants';

/** Merges the suites' findings into the coverage table and the JSON report, and drops the flow tier's tenant. */
export default async function globalTeardown(): Promise<void> {
  const env = readEnvironment();
  const root = process.env[PROBE_KEYS.tenantRoot];
  const tenant = process.env[PROBE_KEYS.flowTenant];
  if (root && tenant) await dropTenant(root, tenant, adminHeaders(env));
  const suites = readSuiteReports(env.reportDir);
  if (suites.length === 0) return;
  const report = buildReport(await loadCompiledSpecs(undefined, { validate: false }), suites);
  writeJsonFile(env.reportFile, report);
  console.log(`${formatReport(report)}\n\nContract report written to ${redactText(path.resolve(env.reportFile))}`);
}

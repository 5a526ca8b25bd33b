import fs from 'node:fs';
import path from 'node:path';
import { loadCompiledSpecs } from '../core';
import { readEnvironment } from '../kit/environment';
import { buildReport, formatReport, readSuiteReports } from '../kit/report';

/** Merges the suites' findings into the coverage table and the JSON report, then stops the in-process mock. */
export default async function globalTeardown(): Promise<void> {
  const env = readEnvironment();
  const suites = readSuiteReports(env.reportDir);
  if (suites.length > 0) {
    const report = buildReport(await loadCompiledSpecs(), suites);
    fs.mkdirSync(path.dirname(env.reportFile), { recursive: true });
    fs.writeFileSync(env.reportFile, JSON.stringify(report, null, 2));
    console.log(`${formatReport(report)}\n\nContract report written to ${env.reportFile}`);
  }
  await globalThis.__authmockContractMock?.close();
}

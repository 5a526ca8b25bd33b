import { describeContract } from '../../contracts/jest/describe-contract';
import { suiteVendors } from '../../contracts/runner/suites';

// Every vendor's contract suite through the jest adapter (authmock/jest), against
// the mock the global set-up started, or the CONTRACT_* target when one is set.
for (const vendor of suiteVendors()) describeContract(vendor);

import { contractMatchers } from './matchers';

// The repository's own tests: register the matcher without loading the specs for every test file.
expect.extend(contractMatchers);

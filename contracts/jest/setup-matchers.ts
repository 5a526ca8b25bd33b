import { contractMatchers } from './matchers';

expect.extend(contractMatchers);

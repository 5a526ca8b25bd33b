import type { Accounts } from '../accounts';
import { ActivationFlow } from './activation';
import { PasswordResetFlow } from './password-reset';
import { ThirdPartyFlow } from './third-party';

export { ActivationFlow } from './activation';
export { PasswordResetFlow } from './password-reset';
export { ThirdPartyFlow } from './third-party';
export { bulkRegister } from './bulk-registration';

/** The flows a vendor may compose over its accounts, by name. */
export interface Flows {
  activation?: ActivationFlow;
  passwordReset?: PasswordResetFlow;
  thirdParty?: ThirdPartyFlow;
}

export type FlowName = keyof Flows;

const BUILD: { [N in FlowName]-?: (accounts: Accounts) => NonNullable<Flows[N]> } = {
  activation: (a) => new ActivationFlow(a),
  passwordReset: (a) => new PasswordResetFlow(a),
  thirdParty: (a) => new ThirdPartyFlow(a),
};

/** One vendor's user base: the core accounts and the flows its module chose. */
export interface VendorAccounts extends Flows {
  accounts: Accounts;
}

export function composeFlows(accounts: Accounts, names: readonly FlowName[]): VendorAccounts {
  const out: VendorAccounts = { accounts };
  for (const name of names) (out as Record<FlowName, unknown>)[name] = BUILD[name](accounts);
  return out;
}

/** A flow the vendor's module must have chosen; its absence is the module's bug, found when its state is built at start-up. */
export function flow<N extends FlowName>(vendor: VendorAccounts, name: N): NonNullable<Flows[N]> {
  const found = vendor[name];
  if (!found) throw new Error(`${vendor.accounts.vendor} uses the ${name} flow but does not list it in its accounts definition's flows`);
  return found as NonNullable<Flows[N]>;
}

/**
 * Authorization of contract creation from an address preimage. The reference makes the deployer
 * `require_auth` inside an authorization frame carrying the creation's `CreateContractArgsV2`
 * (`create_contract_internal` in `host/lifecycle.rs`); a custom account sees it as a
 * `CreateContractHostFn` context, or `CreateContractWithCtorHostFn` when there are constructor
 * arguments (CAP-58), and recording mode records a `CreateContractV2HostFn` invocation.
 *
 * This is the single place creation asks for authorization; its only caller is `createContract`
 * in `lifecycle.ts`. Its body is the authorization module's to replace with that `require_auth`.
 * Until then creation is treated as authorized: true of the deployer being the current contract
 * (authorized as the invoker, no entry needed) and, for now, of every other deployer too. Nothing
 * is recorded. Note for that module: in the reference the creation frame stays pushed while the
 * contract is written and its constructor runs, so the constructor's own `require_auth` calls
 * nest under the creation's authorized invocation.
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { Host } from '../host/host.ts';

/** What the deployer authorizes: the creation's arguments, constructor arguments included. */
export type ContractCreationContext = xdr.CreateContractArgsV2Wire;

export const authorizeContractCreation = (
  _host: Host,
  _deployer: xdr.ScAddressWire,
  _context: ContractCreationContext,
): void => {
  // Replaced by the authorization module (see above).
};

/**
 * Calling the built-in Stellar Asset contract (`BuiltinContract::call` as `soroban-builtin-sdk-macros`
 * generates it, in a `Frame::StellarAssetContract`): the function is looked up by name (an unknown
 * one fails like `symbol_index_in_strs`, `Error(Value, InvalidInput)`), the argument count must
 * match (`Error(Context, UnexpectedSize)`), and every argument is converted to its type before the
 * function runs (a wrong type is `Error(Value, UnexpectedType)`).
 */
import type { Host } from '../host/host.ts';
import { I128, numberOf } from '../host/numbers.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { tagOf, type Val } from '../val/val.ts';
import { ACCOUNT_CREATION_PROTOCOL } from './accounts.ts';
import * as sac from './contract.ts';
import type { MuxedTarget } from './contract.ts';
import { UNIFIED_EVENTS_PROTOCOL } from './events.ts';
import { addressOf, boolOf, u32Of } from './storage-types.ts';

interface ParamTypes {
  address: Val;
  muxed: MuxedTarget;
  i128: bigint;
  u32: number;
  bool: boolean;
  bytes: Val;
}
type Param = keyof ParamTypes;
type Args<P extends readonly Param[]> = { [K in keyof P]: ParamTypes[P[K]] };

const unexpected = (what: string) => hostError(ErrorType.Value, ErrorCode.UnexpectedType, `expected ${what}`);

/**
 * A `MuxedAddress`: an Address, or a muxed (M) address standing for its G account and id. Before
 * protocol 23 (CAP-67) the parameter was an `Address`.
 */
const muxedOf = (host: Host, v: Val): MuxedTarget => {
  if (tagOf(v) === Tag.AddressObject) return { address: v, id: undefined };
  if (tagOf(v) !== Tag.MuxedAddressObject || host.protocol < UNIFIED_EVENTS_PROTOCOL) throw unexpected('an Address or MuxedAddress');
  const m = host.get(v, Tag.MuxedAddressObject);
  return { address: host.add({ tag: Tag.AddressObject, address: { kind: 'account', key: m.key.slice() } }), id: m.id };
};

const converters: { [P in Param]: (host: Host, v: Val) => ParamTypes[P] } = {
  address: (_host, v) => addressOf(v),
  muxed: muxedOf,
  i128: (host, v) => numberOf(host, I128, v),
  u32: (_host, v) => u32Of(v),
  bool: (_host, v) => boolOf(v),
  bytes: (_host, v) => {
    if (tagOf(v) !== Tag.BytesObject) throw unexpected('Bytes');
    return v;
  },
};

interface SacFunction {
  readonly params: readonly Param[];
  /** The protocol that introduced the function. */
  readonly since: number;
  readonly run: (host: Host, args: readonly unknown[]) => Val;
}

const fn = <P extends readonly Param[]>(
  params: P,
  run: (host: Host, ...args: Args<P>) => Val,
  since = 0,
): SacFunction => ({ params, since, run: (host, args) => run(host, ...(args as Args<P>)) });

const FUNCTIONS: ReadonlyMap<string, SacFunction> = new Map([
  ['init_asset', fn(['bytes'] as const, sac.init_asset)],
  ['allowance', fn(['address', 'address'] as const, sac.allowance)],
  ['approve', fn(['address', 'address', 'i128', 'u32'] as const, sac.approve)],
  ['balance', fn(['address'] as const, sac.balance)],
  ['authorized', fn(['address'] as const, sac.authorized)],
  ['transfer', fn(['address', 'muxed', 'i128'] as const, sac.transfer)],
  ['transfer_from', fn(['address', 'address', 'address', 'i128'] as const, sac.transfer_from)],
  ['burn', fn(['address', 'i128'] as const, sac.burn)],
  ['burn_from', fn(['address', 'address', 'i128'] as const, sac.burn_from)],
  ['clawback', fn(['address', 'i128'] as const, sac.clawback)],
  ['set_authorized', fn(['address', 'bool'] as const, sac.set_authorized)],
  ['mint', fn(['address', 'i128'] as const, sac.mint)],
  ['set_admin', fn(['address'] as const, sac.set_admin)],
  ['admin', fn([] as const, sac.admin)],
  ['decimals', fn([] as const, sac.decimals)],
  ['name', fn([] as const, sac.name)],
  ['symbol', fn([] as const, sac.symbol)],
  ['trust', fn(['address'] as const, sac.trust, ACCOUNT_CREATION_PROTOCOL)],
]);

/** Runs SAC function `name` with `args` (absolute handles) in the current frame. */
export const callStellarAsset = (host: Host, name: string, args: readonly Val[]): Val => {
  const f = FUNCTIONS.get(name);
  if (!f || host.protocol < f.since)
    throw hostError(ErrorType.Value, ErrorCode.InvalidInput, 'symbol not found in slice of strs', name);
  if (args.length !== f.params.length)
    throw hostError(ErrorType.Context, ErrorCode.UnexpectedSize, 'wrong number of args to func', name);
  const converted = f.params.map((p, i) => converters[p](host, args[i]));
  return f.run(host, converted);
};

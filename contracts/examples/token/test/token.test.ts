/**
 * The token example against the Stellar Asset Contract's behaviour for contract-held balances
 * (soroban-env-host builtin_contracts/stellar_asset_contract): its interface, events and errors.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Account, Keypair, MuxedAccount, StrKey, nativeToScVal, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '@sorobox/host';
import {
  TestContract,
  authorizations,
  contractEvents,
  type CallOutcome,
  type DeployedContract,
} from '@sorobox/sdk/testing';

let token: TestContract;

before(async () => {
  token = await TestContract.load(new URL('..', import.meta.url).pathname);
  console.log(`token.wasm: ${token.build.sizeBytes} bytes`);
});

const ok = (r: CallOutcome): unknown => {
  assert.ok(r.ok, r.ok ? '' : `failed: ${JSON.stringify(r.error)} ${r.errorName ?? ''}`);
  return r.value;
};

const admin = Keypair.random().publicKey();

/** A fresh token: 7 decimals, named like a SEP-11 asset as the SAC's name is. */
const deployToken = (): DeployedContract =>
  token.deploy({ args: { admin, decimal: 7, name: `GOLD:${admin}`, symbol: 'GOLD' } });

test("the interface is the Stellar Asset Contract's: functions, argument types, results", () => {
  const signature = (name: string) => {
    const f = token.spec.getFunc(name);
    return [
      f.inputs.map((i) => `${i.name}:${i.type.type.replace('scSpecType', '')}`),
      f.outputs.map((o) => o.type.replace('scSpecType', '')),
    ];
  };
  const sac: Record<string, [string[], string[]]> = {
    allowance: [['from:Address', 'spender:Address'], ['I128']],
    approve: [['from:Address', 'spender:Address', 'amount:I128', 'expiration_ledger:U32'], []],
    balance: [['id:Address'], ['I128']],
    transfer: [['from:Address', 'to:MuxedAddress', 'amount:I128'], []],
    transfer_from: [['spender:Address', 'from:Address', 'to:Address', 'amount:I128'], []],
    burn: [['from:Address', 'amount:I128'], []],
    burn_from: [['spender:Address', 'from:Address', 'amount:I128'], []],
    decimals: [[], ['U32']],
    name: [[], ['String']],
    symbol: [[], ['String']],
    admin: [[], ['Address']],
    set_admin: [['new_admin:Address'], []],
    mint: [['to:Address', 'amount:I128'], []],
    clawback: [['from:Address', 'amount:I128'], []],
    authorized: [['id:Address'], ['Bool']],
    set_authorized: [['id:Address', 'authorize:Bool'], []],
  };
  for (const [name, expected] of Object.entries(sac)) assert.deepEqual(signature(name), expected, name);
  assert.deepEqual(
    token.spec
      .funcs()
      .map((f) => String(f.name))
      .sort(),
    ['__constructor', ...Object.keys(sac)].sort(),
  );
  assert.deepEqual(
    token.spec
      .errorCases()
      .map((c) => [String(c.name), c.value])
      .slice(7, 12),
    [
      ['NegativeAmountError', 8],
      ['AllowanceError', 9],
      ['BalanceError', 10],
      ['BalanceDeauthorizedError', 11],
      ['OverflowError', 12],
    ],
  );
  assert.deepEqual(
    token.spec
      .events()
      .map((e) => [
        String(e.name),
        e.prefixTopics.map(String).join(),
        e.dataFormat.name.replace('scSpecEventDataFormat', ''),
      ]),
    [
      ['Approve', 'approve', 'Vec'],
      ['Transfer', 'transfer', 'SingleValue'],
      ['TransferMuxed', 'transfer', 'Map'],
      ['Mint', 'mint', 'SingleValue'],
      ['Burn', 'burn', 'SingleValue'],
      ['Clawback', 'clawback', 'SingleValue'],
      ['SetAdmin', 'set_admin', 'SingleValue'],
      ['SetAuthorized', 'set_authorized', 'SingleValue'],
    ],
  );
});

test('the constructor sets the admin and the metadata; a new holder has nothing', () => {
  const t = deployToken();
  assert.equal(ok(t.invoke('admin')), admin);
  assert.equal(ok(t.invoke('decimals')), 7);
  assert.equal(ok(t.invoke('name')), `GOLD:${admin}`);
  assert.equal(ok(t.invoke('symbol')), 'GOLD');
  const holder = Keypair.random().publicKey();
  assert.equal(ok(t.invoke('balance', { id: holder })), 0n);
  assert.equal(ok(t.invoke('allowance', { from: holder, spender: admin })), 0n);
  assert.equal(ok(t.invoke('authorized', { id: holder })), true);
});

const i128 = (n: bigint) => nativeToScVal(n, { type: 'i128' });
const addr = (a: string) => nativeToScVal(a, { type: 'address' });
const str = (s: string) => xdr.ScVal.scvString(s);
const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const failure = (r: CallOutcome) => (r.ok ? undefined : (r.errorName ?? r.error));

/** A token with `amount` minted to a fresh holder (auth recorded, as `mock_all_auths`). */
const withHolder = (amount: bigint) => {
  const t = deployToken();
  const holder = Keypair.random().publicKey();
  ok(t.invoke('mint', { to: holder, amount }));
  return { t, holder, name: str(`GOLD:${admin}`) };
};

test('mint and transfer move balances and publish the SAC events (asset name as the last topic)', () => {
  const { t, holder, name } = withHolder(1000n);
  assert.equal(ok(t.invoke('balance', { id: holder })), 1000n);
  const to = StrKey.encodeContract(Buffer.alloc(32, 9));
  const r = t.invoke('transfer', { from: holder, to, amount: 300n });
  ok(r);
  assert.ok(r.ok);
  const [event] = contractEvents(r.result);
  assert.deepEqual(event.topics, [sym('transfer'), addr(holder), addr(to), name]);
  assert.ok(event.data.equals(i128(300n)));
  assert.deepEqual(
    { ...token.spec.parseEvent(event.topics, event.data)?.data },
    {
      from: holder,
      to,
      sep0011_asset: `GOLD:${admin}`,
      amount: 300n,
    },
  );
  assert.deepEqual(
    authorizations(r.result).map((a) => [a.address, a.fn]),
    [[holder, 'transfer']],
    'only the sender authorizes a transfer',
  );
  assert.equal(ok(t.invoke('balance', { id: holder })), 700n);
  assert.equal(ok(t.invoke('balance', { id: to })), 300n);
  const mint = t.invoke('mint', { to, amount: 5n });
  assert.ok(mint.ok);
  assert.deepEqual(contractEvents(mint.result)[0].topics, [sym('mint'), addr(to), name]);
  assert.deepEqual(
    authorizations(mint.result).map((a) => a.address),
    [admin],
    'the admin authorizes a mint',
  );
});

test('a transfer to a muxed account carries its id in map data', () => {
  const { t, holder, name } = withHolder(10n);
  const base = Keypair.random().publicKey();
  const muxed = new MuxedAccount(new Account(base, '0'), '42').accountId();
  const r = t.invoke('transfer', { from: holder, to: muxed, amount: 4n });
  assert.ok(r.ok);
  const [event] = contractEvents(r.result);
  assert.deepEqual(event.topics, [sym('transfer'), addr(holder), addr(base), name]);
  assert.ok(
    event.data.equals(
      xdr.ScVal.scvMap([
        new xdr.ScMapEntry({ key: sym('amount'), val: i128(4n) }),
        new xdr.ScMapEntry({ key: sym('to_muxed_id'), val: xdr.ScVal.scvU64(42n) }),
      ]),
    ),
  );
  assert.equal(token.spec.parseEvent(event.topics, event.data)?.name, 'TransferMuxed');
  assert.equal(ok(t.invoke('balance', { id: base })), 4n);
});

test('balance errors: negative amounts, overspending, an empty balance', () => {
  const { t, holder } = withHolder(10n);
  const other = Keypair.random().publicKey();
  assert.equal(
    failure(t.invoke('transfer', { from: holder, to: other, amount: -1n })),
    'NegativeAmountError',
  );
  assert.equal(failure(t.invoke('transfer', { from: holder, to: other, amount: 11n })), 'BalanceError');
  assert.equal(failure(t.invoke('burn', { from: other, amount: 1n })), 'BalanceError');
  ok(t.invoke('burn', { from: other, amount: 0n }));
  assert.equal(failure(t.invoke('mint', { to: other, amount: 2n ** 127n - 1n })), undefined);
  assert.equal(failure(t.invoke('mint', { to: other, amount: 1n })), 'OverflowError');
  assert.equal(ok(t.invoke('balance', { id: holder })), 10n, 'failed calls change nothing');
});

test('allowances: approve, spend with transfer_from and burn_from, expire at their ledger', () => {
  const { t, holder, name } = withHolder(100n);
  const spender = Keypair.random().publicKey();
  const until = t.ledger.info.sequenceNumber + 10;
  const approve = t.invoke('approve', { from: holder, spender, amount: 50n, expiration_ledger: until });
  assert.ok(approve.ok);
  const [event] = contractEvents(approve.result);
  assert.deepEqual(event.topics, [sym('approve'), addr(holder), addr(spender), name]);
  assert.ok(event.data.equals(xdr.ScVal.scvVec([i128(50n), xdr.ScVal.scvU32(until)])));
  assert.equal(ok(t.invoke('allowance', { from: holder, spender })), 50n);
  const spent = t.invoke('transfer_from', { spender, from: holder, to: spender, amount: 30n });
  assert.ok(spent.ok);
  assert.deepEqual(
    authorizations(spent.result).map((a) => a.address),
    [spender],
  );
  assert.equal(failure(t.invoke('burn_from', { spender, from: holder, amount: 21n })), 'AllowanceError');
  ok(t.invoke('burn_from', { spender, from: holder, amount: 20n }));
  assert.equal(ok(t.invoke('allowance', { from: holder, spender })), 0n);
  assert.equal(ok(t.invoke('balance', { id: holder })), 50n);
  ok(t.invoke('approve', { from: holder, spender, amount: 5n, expiration_ledger: until }));
  t.ledger.advance(11);
  assert.equal(ok(t.invoke('allowance', { from: holder, spender })), 0n, 'expired');
  assert.equal(
    failure(t.invoke('transfer_from', { spender, from: holder, to: spender, amount: 1n })),
    'AllowanceError',
  );
  const past = t.ledger.info.sequenceNumber - 1;
  assert.equal(
    failure(t.invoke('approve', { from: holder, spender, amount: 1n, expiration_ledger: past })),
    'AllowanceError',
  );
  ok(t.invoke('approve', { from: holder, spender, amount: 0n, expiration_ledger: past }));
  const tooFar = t.ledger.info.sequenceNumber + t.ledger.info.maxEntryTtl;
  assert.equal(
    failure(t.invoke('approve', { from: holder, spender, amount: 1n, expiration_ledger: tooFar })),
    'AllowanceError',
  );
});

test('the admin (de)authorizes holders, claws back, and hands over the role', () => {
  const { t, holder, name } = withHolder(10n);
  const off = t.invoke('set_authorized', { id: holder, authorize: false });
  assert.ok(off.ok);
  assert.deepEqual(contractEvents(off.result)[0].topics, [sym('set_authorized'), addr(holder), name]);
  assert.equal(ok(t.invoke('authorized', { id: holder })), false);
  const other = Keypair.random().publicKey();
  assert.equal(
    failure(t.invoke('transfer', { from: holder, to: other, amount: 1n })),
    'BalanceDeauthorizedError',
  );
  assert.equal(failure(t.invoke('mint', { to: holder, amount: 1n })), 'BalanceDeauthorizedError');
  ok(t.invoke('clawback', { from: holder, amount: 4n }));
  assert.equal(ok(t.invoke('balance', { id: holder })), 6n);
  assert.equal(failure(t.invoke('clawback', { from: other, amount: 0n })), 'BalanceError');
  const next = Keypair.random().publicKey();
  const handover = t.invoke('set_admin', { new_admin: next });
  assert.ok(handover.ok);
  const [event] = contractEvents(handover.result);
  assert.deepEqual(event.topics, [sym('set_admin'), addr(admin), name]);
  assert.ok(event.data.equals(addr(next)));
  assert.deepEqual(
    authorizations(handover.result).map((a) => a.address),
    [admin],
  );
  assert.equal(ok(t.invoke('admin')), next);
});

test("enforcing auth: a transfer fails unsigned, and passes with the sender's signature only", async () => {
  const t = deployToken();
  const holder = Keypair.random();
  const to = Keypair.random().publicKey();
  ok(t.invoke('mint', { to: holder.publicKey(), amount: 10n }));
  const unsigned = t.invoke(
    'transfer',
    { from: holder.publicKey(), to, amount: 1n },
    { authMode: 'enforce', auth: [] },
  );
  assert.deepEqual(unsigned.ok ? undefined : unsigned.error, {
    type: ErrorType.Auth,
    code: ErrorCode.InvalidAction,
  });
  const stranger = Keypair.random();
  const wrong = await t.invokeSigned('transfer', { from: holder.publicKey(), to, amount: 1n }, [stranger]);
  assert.equal(wrong.ok, false);
  ok(await t.invokeSigned('transfer', { from: holder.publicKey(), to, amount: 3n }, [holder]));
  assert.equal(ok(t.invoke('balance', { id: to })), 3n);
});

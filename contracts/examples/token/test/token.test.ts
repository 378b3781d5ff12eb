/**
 * The token example against the Stellar Asset Contract's behaviour for contract-held balances
 * (soroban-env-host builtin_contracts/stellar_asset_contract): its interface, events and errors.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Keypair } from '@stellar/stellar-sdk';
import { TestContract, type CallOutcome, type DeployedContract } from '@sorobox/sdk/testing';

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

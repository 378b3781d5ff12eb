/** The deployer example: contracts created with constructor arguments at derived addresses. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Keypair, scValToNative, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '@sorobox/host';
import {
  DeployedContract,
  TestContract,
  authorizations,
  contractEvents,
  type CallOutcome,
} from '@sorobox/sdk/testing';

let deployer: TestContract;

before(async () => {
  deployer = await TestContract.load(new URL('..', import.meta.url).pathname);
  console.log(`deployer.wasm: ${deployer.build.sizeBytes} bytes`);
});

const ok = (r: CallOutcome): unknown => {
  assert.ok(r.ok, r.ok ? '' : `failed: ${JSON.stringify(r.error)} ${r.errorName ?? ''}`);
  return r.value;
};

const admin = Keypair.random().publicKey();

test('addresses derive from the deployer and the salt; none deployed yet', () => {
  const d = deployer.deploy({ args: { admin } });
  const a = ok(d.invoke('address_of', { salt: Buffer.alloc(32, 1) }));
  const b = ok(d.invoke('address_of', { salt: Buffer.alloc(32, 2) }));
  assert.match(String(a), /^C[A-Z2-7]{55}$/);
  assert.notEqual(a, b);
  assert.equal(ok(d.invoke('address_of', { salt: Buffer.alloc(32, 1) })), a);
  const other = deployer.deploy({ ledger: d.ledger, args: { admin } });
  assert.notEqual(ok(other.invoke('address_of', { salt: Buffer.alloc(32, 1) })), a);
  assert.deepEqual(ok(d.invoke('deployed')), []);
});

test('deploy creates a token with its constructor arguments at the predicted address', async () => {
  const token = await TestContract.load(new URL('../../token', import.meta.url).pathname);
  const d = deployer.deploy({ args: { admin } });
  const wasmHash = d.ledger.upload(token.build.wasm);
  const salt = Buffer.alloc(32, 5);
  const predicted = ok(d.invoke('address_of', { salt }));
  const tokenAdmin = Keypair.random().publicKey();
  const args = token.spec.funcArgsToScVals('__constructor', {
    admin: tokenAdmin,
    decimal: 6,
    name: 'Silver',
    symbol: 'SLV',
  });
  const r = d.invokeRaw('deploy', [
    xdr.ScVal.scvBytes(wasmHash),
    xdr.ScVal.scvBytes(salt),
    xdr.ScVal.scvVec(args),
  ]);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.error));
  assert.equal(r.value, predicted);
  assert.deepEqual(
    authorizations(r.result).map((a) => [a.address, a.fn]),
    [[admin, 'deploy']],
  );
  const [event] = contractEvents(r.result).filter((e) => e.contract === d.address);
  assert.deepEqual(scValToNative(event.topics[1]), predicted);
  const created = DeployedContract.at(token, d.ledger, String(predicted));
  assert.equal(ok(created.invoke('name')), 'Silver');
  assert.equal(ok(created.invoke('decimals')), 6);
  assert.equal(ok(created.invoke('admin')), tokenAdmin);
  assert.deepEqual(ok(d.invoke('deployed')), [predicted]);
  // The same salt again: the address is taken.
  const again = d.invokeRaw('deploy', [
    xdr.ScVal.scvBytes(wasmHash),
    xdr.ScVal.scvBytes(salt),
    xdr.ScVal.scvVec(args),
  ]);
  assert.deepEqual(again.ok ? undefined : again.error, {
    type: ErrorType.Storage,
    code: ErrorCode.ExistingValue,
  });
});

test('deploy needs the admin; a failing constructor fails the deployment', async () => {
  const token = await TestContract.load(new URL('../../token', import.meta.url).pathname);
  const d = deployer.deploy({ args: { admin } });
  const wasmHash = xdr.ScVal.scvBytes(d.ledger.upload(token.build.wasm));
  const salt = xdr.ScVal.scvBytes(Buffer.alloc(32, 6));
  const args = xdr.ScVal.scvVec(
    token.spec.funcArgsToScVals('__constructor', { admin, decimal: 6, name: 'A', symbol: 'A' }),
  );
  const unsigned = d.invokeRaw('deploy', [wasmHash, salt, args], { authMode: 'enforce', auth: [] });
  assert.deepEqual(unsigned.ok ? undefined : unsigned.error, {
    type: ErrorType.Auth,
    code: ErrorCode.InvalidAction,
  });
  // Wrong constructor arguments: the constructor's failure is the creating call's (Context, InvalidAction).
  const bad = d.invokeRaw('deploy', [wasmHash, salt, xdr.ScVal.scvVec([xdr.ScVal.scvU32(1)])]);
  assert.deepEqual(bad.ok ? undefined : bad.error, {
    type: ErrorType.Context,
    code: ErrorCode.InvalidAction,
  });
  assert.deepEqual(ok(d.invoke('deployed')), []);
});

/**
 * Contract creation under authorization (`withCreateContractAuth`, the hook contract creation
 * calls): the deployer's `CreateContractV2HostFn` node, recorded and enforced, and the `Context`
 * values a custom account deployer's `__check_auth` gets for a creation, with and without
 * constructor arguments and for CAP-85 external-reference executables.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorizeEntry, xdr } from '@stellar/stellar-sdk';
import { authContexts } from '../src/auth/contract-account.ts';
import { beginAuth, recordedAuth, withCreateContractAuth } from '../src/auth/hooks.ts';
import { newInvocation, type CreateContractArgsWire } from '../src/auth/invocation.ts';
import { Host } from '../src/host/host.ts';
import { callContract } from '../src/ledger/contract-call.ts';
import { Footprint } from '../src/ledger/footprint.ts';
import { Storage } from '../src/ledger/storage.ts';
import { ErrorCode, ErrorType, HostError } from '../src/val/error.ts';
import { Tag } from '../src/val/tag.ts';
import { valToScVal } from '../src/xdr/scval.ts';
import {
  PASSPHRASE,
  accountAddress,
  addAccount,
  deployAuth,
  invocation,
  deployAccount,
  keypair,
  payloadOf,
} from './support/auth.ts';
import { LEDGER, MemorySnapshot, SEQ, dataKey, sym, vec, type Deployed } from './support/ledger.ts';

const EXP = SEQ + 100;
const WASM_HASH = new Uint8Array(32).fill(0xab);
const SALT = new Uint8Array(32).fill(0x5a);

const createArgs = (
  deployer: xdr.ScAddressWire,
  executable: xdr.ContractExecutableWire,
  constructorArgs: xdr.ScValWire[] = [],
  salt = SALT,
): CreateContractArgsWire => ({
  contractIdPreimage: { type: 0, fromAddress: { address: deployer, salt } },
  executable,
  constructorArgs,
});

const accountWire = (key: Uint8Array): xdr.ScAddressWire => ({
  type: 0,
  accountId: { type: 0, ed25519: key },
});
const contractWire = (id: Uint8Array): xdr.ScAddressWire => ({ type: 1, contractId: id });

const hostOver = (snap: MemorySnapshot): Host =>
  new Host({ ledger: LEDGER, storage: new Storage(snap, Footprint.recording()) });

const entryFor = (address: xdr.ScAddressWire, args: CreateContractArgsWire): xdr.SorobanAuthorizationEntry =>
  xdr.SorobanAuthorizationEntry.fromXdrObject({
    credentials: {
      type: 1,
      address: { address, nonce: 3n, signatureExpirationLedger: 0, signature: { type: 1 } },
    },
    rootInvocation: { function: { type: 2, createContractV2HostFn: args }, subInvocations: [] },
  } as xdr.SorobanAuthorizationEntryWire);

const caught = (run: () => unknown): { type: number; code: number } | undefined => {
  try {
    run();
    return undefined;
  } catch (e) {
    if (e instanceof HostError) return { ...e.error };
    throw e;
  }
};

const map = (fields: [string, xdr.ScVal][]) =>
  xdr.ScVal.scvMap(fields.map(([k, v]) => new xdr.ScMapEntry({ key: sym(k), val: v })));
const wasmExecutable = vec([sym('Wasm'), xdr.ScVal.scvBytes(Buffer.from(WASM_HASH))]);

describe('contract creation authorized by its deployer', () => {
  it('recording: the deployer gets a CreateContractV2HostFn entry', () => {
    const snap = new MemorySnapshot();
    const kp = keypair(1);
    const host = hostOver(snap);
    beginAuth(host, { mode: 'record', entries: [], sourceAccount: undefined });
    const args = createArgs(accountWire(kp.rawPublicKey()), { type: 0, wasmHash: WASM_HASH });
    assert.equal(
      withCreateContractAuth(host, accountWire(kp.rawPublicKey()), args, () => 'created'),
      'created',
    );
    const [entry, ...rest] = recordedAuth(host);
    assert.equal(rest.length, 0);
    assert.deepEqual(entry.rootInvocation.toXdrObject().function, { type: 2, createContractV2HostFn: args });
  });

  it("the constructor's authorizations nest under the creation node", () => {
    const snap = new MemorySnapshot();
    const kp = keypair(1);
    const ctor = deployAuth(snap, 1);
    const host = hostOver(snap);
    beginAuth(host, { mode: 'record', entries: [], sourceAccount: undefined });
    const deployer = accountWire(kp.rawPublicKey());
    const args = createArgs(deployer, { type: 0, wasmHash: WASM_HASH });
    // Stands for the constructor: a contract call made while the creation runs.
    const g = host.add({ tag: Tag.AddressObject, address: { kind: 'account', key: kp.rawPublicKey() } });
    withCreateContractAuth(host, deployer, args, () => callContract(host, ctor.id, 'auth', [g]));
    const [entry, ...rest] = recordedAuth(host);
    assert.equal(rest.length, 0);
    assert.ok(
      entry.rootInvocation.equals(
        xdr.SorobanAuthorizedInvocation.fromXdrObject({
          function: { type: 2, createContractV2HostFn: args },
          subInvocations: [invocation(ctor, 'auth', [accountAddress(kp)]).toXdrObject()],
        }),
      ),
    );
  });

  it('enforcing: a signed entry for exactly this creation is needed', async () => {
    const snap = new MemorySnapshot();
    const kp = keypair(1);
    addAccount(snap, kp);
    const args = createArgs(accountWire(kp.rawPublicKey()), { type: 0, wasmHash: WASM_HASH });
    const signed = await authorizeEntry(entryFor(accountWire(kp.rawPublicKey()), args), kp, EXP, PASSPHRASE);
    const attempt = (entries: xdr.SorobanAuthorizationEntry[], what: CreateContractArgsWire) => {
      const host = hostOver(snap);
      beginAuth(host, { mode: 'enforce', entries, sourceAccount: undefined });
      return caught(() =>
        withCreateContractAuth(host, accountWire(kp.rawPublicKey()), what, () => 'created'),
      );
    };
    assert.equal(attempt([signed], args), undefined);
    assert.deepEqual(attempt([], args), { type: ErrorType.Auth, code: ErrorCode.InvalidAction });
    const otherSalt = createArgs(
      accountWire(kp.rawPublicKey()),
      { type: 0, wasmHash: WASM_HASH },
      [],
      new Uint8Array(32),
    );
    assert.deepEqual(attempt([signed], otherSalt), { type: ErrorType.Auth, code: ErrorCode.InvalidAction });
  });

  it("a custom account deployer's __check_auth gets CreateContractHostFn / CreateContractWithCtorHostFn contexts", () => {
    const snap = new MemorySnapshot();
    const d: Deployed = deployAccount(snap, 10);
    const check = (ctorArgs: xdr.ScValWire[], expected: xdr.ScVal) => {
      const args = createArgs(contractWire(d.id), { type: 0, wasmHash: WASM_HASH }, ctorArgs);
      const entry = entryFor(contractWire(d.id), args);
      const signature = xdr.ScVal.scvBytes(Buffer.from(payloadOf(entry, EXP)));
      const w = entry.toXdrObject();
      if (w.credentials.type === 1)
        Object.assign(w.credentials.address, {
          signatureExpirationLedger: EXP,
          signature: signature.toXdrObject(),
        });
      const host = hostOver(snap);
      beginAuth(host, {
        mode: 'enforce',
        entries: [xdr.SorobanAuthorizationEntry.fromXdrObject(w)],
        sourceAccount: undefined,
      });
      withCreateContractAuth(host, contractWire(d.id), args, () => undefined);
      const ctx = host
        .storage!.changes()
        .find((c) => c.key.equals(dataKey(d.id, sym('ctx'), 0)))
        ?.entry?.toXdrObject();
      assert.ok(
        ctx?.data.type === 6 && xdr.ScVal.fromXdrObject(ctx.data.contractData.val).equals(vec([expected])),
      );
    };
    const salt = xdr.ScVal.scvBytes(Buffer.from(SALT));
    check(
      [],
      vec([
        sym('CreateContractHostFn'),
        map([
          ['executable', wasmExecutable],
          ['salt', salt],
        ]),
      ]),
    );
    check(
      [{ type: 3, u32: 5 }],
      vec([
        sym('CreateContractWithCtorHostFn'),
        map([
          ['constructor_args', vec([xdr.ScVal.scvU32(5)])],
          ['executable', wasmExecutable],
          ['salt', salt],
        ]),
      ]),
    );
  });
});

describe('creation contexts (AuthorizationContext::from_authorized_fn)', () => {
  const contextOf = (args: CreateContractArgsWire): xdr.ScVal => {
    const host = new Host();
    return valToScVal(host, authContexts(host, newInvocation({ kind: 'create', args })));
  };
  const owner = new Uint8Array(32).fill(7);

  it('passes CAP-85 external-reference executables as ExternalRef {owner, tag}', () => {
    const args = createArgs(contractWire(owner), {
      type: 2,
      externalRef: { executableOwner: contractWire(owner), tag: new xdr.XdrString('token') },
    });
    const expected = vec([
      sym('CreateContractHostFn'),
      map([
        [
          'executable',
          vec([
            sym('ExternalRef'),
            map([
              ['owner', xdr.ScVal.fromXdrObject({ type: 18, address: contractWire(owner) } as xdr.ScValWire)],
              ['tag', xdr.ScVal.scvString('token')],
            ]),
          ]),
        ],
        ['salt', xdr.ScVal.scvBytes(Buffer.from(SALT))],
      ]),
    ]);
    assert.ok(contextOf(args).equals(vec([expected])));
  });

  it('refuses the Stellar Asset executable and asset preimages: Error(Auth, InvalidInput)', () => {
    const asset = createArgs(contractWire(owner), { type: 1 });
    assert.deepEqual(
      caught(() => contextOf(asset)),
      { type: ErrorType.Auth, code: ErrorCode.InvalidInput },
    );
    const fromAsset: CreateContractArgsWire = {
      contractIdPreimage: { type: 1, fromAsset: { type: 0 } },
      executable: { type: 0, wasmHash: WASM_HASH },
      constructorArgs: [],
    };
    assert.deepEqual(
      caught(() => contextOf(fromAsset)),
      { type: ErrorType.Auth, code: ErrorCode.InvalidInput },
    );
  });
});

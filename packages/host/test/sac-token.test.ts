/**
 * The built-in Stellar Asset contract for an issued asset (`stellar_asset_contract/contract.rs`,
 * CAP-46-06, CAP-67): deployment at the SDK's address with its metadata, mint, transfer between
 * accounts and contracts, burn, and the reference's errors — each with the events it emits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Asset, Keypair, Networks, Operation, StrKey, scValToNative, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { SacError } from '../src/sac/errors.ts';
import { deploy, idOf } from './support/ledger.ts';
import { hostFunctionOf, lifecycleContract } from './support/lifecycle.ts';
import {
  addressOf,
  balanceOf,
  call,
  contractError,
  contractEvents,
  errorOf,
  expectOk,
  i128,
  run,
  send,
  strkeyOf,
  trustlineOf,
  view,
  world,
} from './support/sac.ts';

const I64_MAX = (1n << 63n) - 1n;

describe('SAC deployment and metadata', () => {
  it('is created at Asset.contractId(passphrase), with the issuer as admin and the SEP-11 name', () => {
    const { snap, token, issuer, usd, name } = world();
    assert.equal(StrKey.encodeContract(Buffer.from(token)), usd.contractId(Networks.STANDALONE));
    assert.equal(view(snap, token, 'name'), name);
    // The symbol is the code's raw 4 bytes, padding included, as the reference stores it.
    assert.equal(view(snap, token, 'symbol'), 'USD\0');
    assert.equal(view(snap, token, 'decimals'), 7);
    assert.equal(view(snap, token, 'admin'), issuer.publicKey());
  });

  it('the native contract is "native", has no admin, and cannot be created twice', () => {
    const { snap, native } = world();
    assert.equal(view(snap, native, 'name'), 'native');
    assert.equal(view(snap, native, 'symbol'), 'native');
    assert.deepEqual(errorOf(call(snap, native, 'admin', [])), { type: ErrorType.Storage, code: ErrorCode.MissingValue });
    const again = run(snap, hostFunctionOf(Operation.createStellarAssetContract({ asset: Asset.native() })));
    assert.deepEqual(errorOf(again), { type: ErrorType.Storage, code: ErrorCode.ExistingValue });
  });

  it('create_asset_contract from a contract needs no authorization and deploys at get_asset_contract_id', () => {
    const { snap, issuer } = world();
    const factory = deploy(snap, 30, { wasm: lifecycleContract(1) }).id;
    const eur = new Asset('EURO', issuer.publicKey());
    const bytes = xdr.ScVal.scvBytes(eur.toXdrObject().toXdr());
    const predicted = view(snap, factory, 'asset_id', [bytes]);
    const created = send(snap, factory, 'create_asset', [bytes]);
    assert.equal(scValToNative(expectOk(created)), predicted);
    assert.equal(predicted, eur.contractId(Networks.STANDALONE));
    const id = new Uint8Array(StrKey.decodeContract(predicted as string));
    assert.equal(view(snap, id, 'name'), `EURO:${issuer.publicKey()}`);
    assert.deepEqual(errorOf(call(snap, factory, 'create_asset', [bytes])), { type: ErrorType.Storage, code: ErrorCode.ExistingValue });
  });

  it('init_asset is callable but refuses a second initialization (AlreadyInitializedError)', () => {
    const { snap, token, usd } = world();
    assert.deepEqual(errorOf(call(snap, token, 'init_asset', [i128(0n)])), { type: ErrorType.Value, code: ErrorCode.UnexpectedType });
    const init = call(snap, token, 'init_asset', [xdr.ScVal.scvBytes(usd.toXdrObject().toXdr())]);
    assert.deepEqual(errorOf(init), contractError(SacError.AlreadyInitialized));
  });
});

describe('SAC mint, transfer and burn of an issued asset', () => {
  it('mint credits the trustline, needs the admin, and emits ["mint", to, name] with the amount', () => {
    const { snap, token, issuer, alice, usd, name } = world();
    const r = send(snap, token, 'mint', [addressOf(alice), i128(1000n)], [issuer]);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 1000n);
    assert.deepEqual(contractEvents(r), [{ contract: strkeyOf(token), topics: ['mint', alice.publicKey(), name], data: 1000n }]);
    // Without the issuer's signature: Error(Auth, InvalidAction), nothing changes.
    const unsigned = call(snap, token, 'mint', [addressOf(alice), i128(1n)], [alice]);
    assert.deepEqual(errorOf(unsigned), { type: ErrorType.Auth, code: ErrorCode.InvalidAction });
    assert.deepEqual(unsigned.changes, []);
  });

  it('transfer moves between trustlines, signed by the sender, and emits ["transfer", from, to, name]', () => {
    const { snap, token, issuer, alice, bob, usd, name } = world();
    send(snap, token, 'mint', [addressOf(alice), i128(1000n)], [issuer]);
    const r = send(snap, token, 'transfer', [addressOf(alice), addressOf(bob), i128(300n)], [alice]);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 700n);
    assert.equal(trustlineOf(snap, bob, usd)!.balance, 300n);
    assert.deepEqual(contractEvents(r), [{ contract: strkeyOf(token), topics: ['transfer', alice.publicKey(), bob.publicKey(), name], data: 300n }]);
    assert.equal(balanceOf(snap, token, alice), 700n);
    assert.equal(balanceOf(snap, token, bob), 300n);
  });

  it('a contract holds a persistent Balance entry {amount, authorized, clawback}; it pays out under its own authority only', () => {
    const { snap, token, issuer, alice, usd } = world();
    const holder = idOf(9);
    send(snap, token, 'mint', [addressOf(alice), i128(1000n)], [issuer]);
    send(snap, token, 'transfer', [addressOf(alice), addressOf(holder), i128(400n)], [alice]);
    assert.equal(balanceOf(snap, token, holder), 400n);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 600n);
    // Nobody can sign for a contract address with a key: the transfer out is unauthorized.
    const out = call(snap, token, 'transfer', [addressOf(holder), addressOf(alice), i128(1n)], [alice]);
    assert.deepEqual(errorOf(out), { type: ErrorType.Auth, code: ErrorCode.InvalidAction });
  });

  it('transfers to and from the issuer are a mint and a burn (CAP-67); its balance is unlimited', () => {
    const { snap, token, issuer, alice, usd, name } = world();
    const minted = send(snap, token, 'transfer', [addressOf(issuer), addressOf(alice), i128(50n)], [issuer]);
    assert.deepEqual(contractEvents(minted), [{ contract: strkeyOf(token), topics: ['mint', alice.publicKey(), name], data: 50n }]);
    const burnt = send(snap, token, 'transfer', [addressOf(alice), addressOf(issuer), i128(20n)], [alice]);
    assert.deepEqual(contractEvents(burnt), [{ contract: strkeyOf(token), topics: ['burn', alice.publicKey(), name], data: 20n }]);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 30n);
    assert.equal(balanceOf(snap, token, issuer), I64_MAX);
  });

  it('before protocol 23 the admin leads mint topics and issuer transfers stay transfers', () => {
    const { snap, token, issuer, alice, name } = world();
    const ledger = { protocolVersion: 22 };
    const minted = send(snap, token, 'mint', [addressOf(alice), i128(5n)], [issuer], { ledger });
    assert.deepEqual(contractEvents(minted)[0].topics, ['mint', issuer.publicKey(), alice.publicKey(), name]);
    const moved = send(snap, token, 'transfer', [addressOf(issuer), addressOf(alice), i128(5n)], [issuer], { ledger });
    assert.deepEqual(contractEvents(moved)[0].topics, ['transfer', issuer.publicKey(), alice.publicKey(), name]);
  });

  it('burn debits the holder, emits ["burn", from, name], and is refused for the issuer and the native asset', () => {
    const { snap, token, native, issuer, alice, usd, name } = world();
    send(snap, token, 'mint', [addressOf(alice), i128(100n)], [issuer]);
    const r = send(snap, token, 'burn', [addressOf(alice), i128(40n)], [alice]);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 60n);
    assert.deepEqual(contractEvents(r), [{ contract: strkeyOf(token), topics: ['burn', alice.publicKey(), name], data: 40n }]);
    assert.deepEqual(errorOf(call(snap, token, 'burn', [addressOf(issuer), i128(1n)], [issuer])), contractError(SacError.OperationNotSupported));
    assert.deepEqual(errorOf(call(snap, native, 'burn', [addressOf(alice), i128(1n)], [alice])), contractError(SacError.OperationNotSupported));
  });
});

describe('SAC errors', () => {
  it('an amount above the balance is BalanceError (10) and changes nothing', () => {
    const { snap, token, issuer, alice, bob, usd } = world();
    send(snap, token, 'mint', [addressOf(alice), i128(10n)], [issuer]);
    const r = call(snap, token, 'transfer', [addressOf(alice), addressOf(bob), i128(11n)], [alice]);
    assert.deepEqual(errorOf(r), contractError(SacError.Balance));
    assert.deepEqual(r.changes, []);
    assert.deepEqual(contractEvents(r), []);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 10n);
  });

  it('spending from an empty trustline is BalanceError; a negative amount is NegativeAmountError (8)', () => {
    const { snap, token, alice, bob } = world();
    assert.deepEqual(errorOf(call(snap, token, 'transfer', [addressOf(alice), addressOf(bob), i128(-1n)], [alice])), contractError(SacError.NegativeAmount));
    assert.deepEqual(errorOf(call(snap, token, 'burn', [addressOf(alice), i128(1n)], [alice])), contractError(SacError.Balance));
  });

  it('past the trustline limit is BalanceError; past i64 into an account is OverflowError (12)', () => {
    const { snap, token, issuer, alice } = world();
    assert.deepEqual(errorOf(call(snap, token, 'mint', [addressOf(alice), i128(I64_MAX + 1n)], [issuer])), contractError(SacError.Overflow));
    send(snap, token, 'mint', [addressOf(alice), i128(I64_MAX)], [issuer]);
    assert.deepEqual(errorOf(call(snap, token, 'mint', [addressOf(alice), i128(1n)], [issuer])), contractError(SacError.Balance));
  });

  it("a contract balance past i128 is OverflowError", () => {
    const { snap, token, issuer } = world();
    const holder = idOf(9);
    const I128_MAX = (1n << 127n) - 1n;
    send(snap, token, 'mint', [addressOf(holder), i128(I128_MAX)], [issuer]);
    assert.equal(balanceOf(snap, token, holder), I128_MAX);
    assert.deepEqual(errorOf(call(snap, token, 'mint', [addressOf(holder), i128(1n)], [issuer])), contractError(SacError.Overflow));
  });

  it('an account without a trustline is TrustlineMissingError (13)', () => {
    const { snap, token, issuer } = world();
    const carol = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 4));
    assert.deepEqual(errorOf(call(snap, token, 'mint', [addressOf(carol), i128(1n)], [issuer])), contractError(SacError.TrustlineMissing));
    assert.deepEqual(errorOf(call(snap, token, 'balance', [addressOf(carol)])), contractError(SacError.TrustlineMissing));
  });

  it('arguments are type-checked (Value, UnexpectedType), counted (Context, UnexpectedSize), and unknown functions refused', () => {
    const { snap, token, alice } = world();
    assert.deepEqual(errorOf(call(snap, token, 'balance', [i128(1n)])), { type: ErrorType.Value, code: ErrorCode.UnexpectedType });
    assert.deepEqual(errorOf(call(snap, token, 'balance', [addressOf(alice), addressOf(alice)])), { type: ErrorType.Context, code: ErrorCode.UnexpectedSize });
    assert.deepEqual(errorOf(call(snap, token, 'steal', [])), { type: ErrorType.Value, code: ErrorCode.InvalidInput });
    assert.deepEqual(errorOf(call(snap, token, 'transfer', [addressOf(alice), addressOf(alice), i128(1n)].reverse(), [alice])), {
      type: ErrorType.Value,
      code: ErrorCode.UnexpectedType,
    });
  });

  it('an asset stellar-core would refuse gets no contract (Value, InvalidInput)', () => {
    const { snap, issuer } = world();
    const code = (bytes: number[]) => new Uint8Array([...bytes, ...new Array(12 - bytes.length).fill(0)]);
    const bad = [
      { type: 1, alphaNum4: { assetCode: Uint8Array.from([0x55, 0x20, 0x44, 0]), issuer: { type: 0, ed25519: issuer.rawPublicKey() } } },
      { type: 1, alphaNum4: { assetCode: Uint8Array.from([0x55, 0, 0x44, 0]), issuer: { type: 0, ed25519: issuer.rawPublicKey() } } },
      { type: 2, alphaNum12: { assetCode: code([0x55, 0x53, 0x44]), issuer: { type: 0, ed25519: issuer.rawPublicKey() } } },
      { type: 1, alphaNum4: { assetCode: new Uint8Array(4), issuer: { type: 0, ed25519: issuer.rawPublicKey() } } },
    ] as xdr.AssetWire[];
    for (const asset of bad) {
      const hostFunction = xdr.HostFunction.fromXdrObject({
        type: 1,
        createContract: { contractIdPreimage: { type: 1, fromAsset: asset }, executable: { type: 1 } },
      });
      const r = run(snap, hostFunction);
      assert.deepEqual(errorOf(r), { type: ErrorType.Value, code: ErrorCode.InvalidInput });
      assert.deepEqual(r.changes, []);
    }
  });
});

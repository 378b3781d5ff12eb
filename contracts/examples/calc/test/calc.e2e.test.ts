/**
 * calc on a real node, through `@stellar/stellar-sdk`'s `contract.Client` over HTTP: every kind of
 * value round-trips through the spec the client reads from the node, and contract errors come
 * back under their names.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keypair, contract } from '@stellar/stellar-sdk';
import { buildContract } from '@sorobox/sdk';
import {
  deployBuilt,
  fundedSigner,
  methods,
  startNode,
  type ExampleNode,
  type Methods,
} from '../../../test-support/node.ts';

let node: ExampleNode;
let calc: Methods;
let spec: contract.Spec;

before(async () => {
  node = await startNode();
  const signer = await fundedSigner(node);
  const client = await deployBuilt(signer, await buildContract(new URL('..', import.meta.url).pathname));
  calc = methods(client);
  spec = client.spec;
});

after(() => node.close());

/** The simulated result of a call (what a read-only client call returns). */
const read = async (fn: string, args: Record<string, unknown> = {}): Promise<unknown> =>
  (await calc[fn](args)).result;

test('numbers: i128 and u256 arithmetic, i64 vectors', async () => {
  assert.equal(await read('add_i128', { a: 2n ** 100n, b: -(2n ** 101n) }), -(2n ** 100n));
  assert.equal(await read('mul_sub_u256', { a: 2n ** 200n, b: 3n, c: 1n }), 3n * 2n ** 200n - 1n);
  assert.equal(await read('sum', { values: [1n, -2n, 2n ** 62n] }), 2n ** 62n - 1n);
});

test('maps, structs, enums, unions, addresses, options, tuples and bytes round-trip', async () => {
  // contract.Client returns a map as its entries, in key order.
  assert.deepEqual(await read('histogram', { words: ['b', 'a', 'b'] }), [
    ['a', 1],
    ['b', 2],
  ]);
  assert.deepEqual(await read('translate', { p: { x: 1n, y: 2n }, dx: -3n, dy: 2n ** 40n }), {
    x: -2n,
    y: 2n + 2n ** 40n,
  });
  const points = new Map([
    ['p', { x: 1n, y: 1n }],
    ['q', { x: 2n, y: 5n }],
  ]);
  assert.deepEqual(await read('centroid_sum', { points }), { x: 3n, y: 6n });
  const owner = Keypair.random().publicKey();
  const account = { owner, balance: 10n, tags: ['x'], memo: 'hi', frozen: false };
  assert.deepEqual(await read('credit', { account, amount: 2n ** 70n, tag: 'y' }), {
    ...account,
    balance: 10n + 2n ** 70n,
    tags: ['x', 'y'],
  });
  assert.equal(await read('owner_if_active', { account }), owner);
  assert.equal(await read('owner_if_active', { account: { ...account, frozen: true } }), null);
  assert.equal(await read('next_color', { c: 3 }), 1);
  assert.deepEqual(await read('scale', { s: { tag: 'Rect', values: [2, 5] }, k: 3 }), {
    tag: 'Rect',
    values: [6, 15],
  });
  assert.deepEqual(
    await read('reverse', { shapes: [{ tag: 'Empty' }, { tag: 'BigSquare', values: [2n ** 130n] }] }),
    [{ tag: 'BigSquare', values: [2n ** 130n] }, { tag: 'Empty' }],
  );
  assert.equal(await read('double_opt', { x: -4n }), -8n);
  assert.equal(await read('double_opt', { x: undefined }), null);
  assert.equal(await read('half', { x: 8 }), 4);
  assert.equal(await read('half', { x: 7 }), null);
  assert.deepEqual(await read('scale_pair', { p: ['gold', 5n], k: -2n }), ['gold', -10n]);
  assert.equal(
    await read('sum_pairs', {
      pairs: [
        ['a', 1n],
        ['b', 10n],
      ],
      limit: 5n,
    }),
    1n,
  );
  const digest = (await read('hash', { data: Buffer.from('abc') })) as Uint8Array;
  assert.equal(Buffer.from(digest).toString('hex').slice(0, 8), 'ba7816bf');
});

/**
 * The client reports a contract error as `Err({ message })` with the doc of the error enum case
 * its code names (`contract.Client` maps codes through the spec).
 */
const errorCase = (name: string) => ({
  message: String(spec.errorCases().find((c) => String(c.name) === name)?.doc),
});

test('a Result comes back Ok; contract errors come back as their error enum cases', async () => {
  const ok = (await read('checked_div', { a: 9n, b: 2n })) as contract.Result<bigint>;
  assert.ok(ok.isOk());
  assert.equal(ok.unwrap(), 4n);
  const err = (await read('checked_div', { a: 1n, b: 0n })) as contract.Result<bigint>;
  assert.ok(err.isErr());
  assert.deepEqual(err.unwrapErr(), errorCase('DivisionByZero'));
  const empty = (await read('check_not_empty', { values: [] })) as contract.Result<null>;
  assert.deepEqual(empty.unwrapErr(), errorCase('Empty'));
  // A function without a Result type that fails with an error: the same.
  const failed = (await read('div', { a: 1n, b: 0n })) as contract.Result<never>;
  assert.deepEqual(failed.unwrapErr(), errorCase('DivisionByZero'));
  assert.notDeepEqual(errorCase('DivisionByZero'), errorCase('Empty'));
});

test('a call sent as a transaction returns the same value as its simulation', async () => {
  const tx = await calc.translate({ p: { x: 5n, y: 6n }, dx: 1n, dy: 1n });
  const sent = await tx.signAndSend({ force: true });
  assert.deepEqual(sent.result, { x: 6n, y: 7n });
  assert.equal(sent.getTransactionResponse?.status, 'SUCCESS');
});

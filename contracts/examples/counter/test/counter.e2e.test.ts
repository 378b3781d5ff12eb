/** hello and counter on a real node: symbols, strings, options and storage across transactions. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildContract } from '@sorobox/sdk';
import {
  deployBuilt,
  fundedSigner,
  methods,
  startNode,
  type ExampleNode,
} from '../../../test-support/node.ts';

let node: ExampleNode;

before(async () => {
  node = await startNode();
});

after(() => node.close());

test('hello: symbols and strings round-trip; counter: state kept across transactions', async () => {
  const signer = await fundedSigner(node);
  const [helloBuild, counterBuild] = await Promise.all([
    buildContract(new URL('../../hello', import.meta.url).pathname),
    buildContract(new URL('..', import.meta.url).pathname),
  ]);
  const hello = methods(await deployBuilt(signer, helloBuild));
  assert.deepEqual((await hello.hello({ to: 'world' })).result, ['Hello', 'world']);
  assert.equal((await hello.greet({ name: 'Zoë' })).result, 'Hello, Zoë!');
  assert.equal((await hello.symbol_len({ s: 'a_rather_long_symbol' })).result, 20);
  const counter = methods(await deployBuilt(signer, counterBuild));
  assert.equal((await (await counter.increment()).signAndSend()).result, 1);
  assert.equal((await (await counter.increment()).signAndSend()).result, 2);
  assert.equal((await counter.get()).result, 2);
  assert.equal((await counter.user_count({ user: 'ann' })).result, null);
  await (await counter.bump({ user: 'ann', by: 5 })).signAndSend();
  assert.deepEqual((await counter.user_count({ user: 'ann' })).result, [5]);
});

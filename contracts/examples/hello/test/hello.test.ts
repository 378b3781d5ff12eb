import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '@sorobox/host';
import { TestContract } from '@sorobox/sdk/testing';

let hello: TestContract;

before(async () => {
  hello = await TestContract.load(new URL('..', import.meta.url).pathname);
  console.log(`hello.wasm: ${hello.build.sizeBytes} bytes`);
});

test("the spec lists the source's functions with their docs and types", () => {
  assert.deepEqual(
    hello.spec.funcs().map((f) => String(f.name)),
    ['hello', 'greet', 'symbol_len', 'long_symbol'],
  );
  const fn = hello.spec.getFunc('hello');
  assert.equal(String(fn.doc), 'Says hello.');
  assert.equal(String(fn.inputs[0].name), 'to');
  assert.equal(String(fn.inputs[0].doc), 'who to greet');
  assert.equal(fn.inputs[0].type.type, 'scSpecTypeSymbol');
  assert.equal(fn.outputs[0].type, 'scSpecTypeVec');
  assert.deepEqual([...hello.code.functions.keys()], ['hello', 'greet', 'symbol_len', 'long_symbol']);
});

test('hello returns a vector of symbols and logs its argument', () => {
  const r = hello.invoke('hello', { to: 'World' }, { diagnostics: true });
  assert.ok(r.ok);
  assert.ok(r.scVal.equals(xdr.ScVal.scvVec([xdr.ScVal.scvSymbol('Hello'), xdr.ScVal.scvSymbol('World')])));
  assert.deepEqual(r.value, ['Hello', 'World']);
  const logs = r.result.events.filter((e) => {
    const topics = e.event.body.v0.topics;
    return topics.length === 1 && topics[0].equals(xdr.ScVal.scvSymbol('log'));
  });
  assert.equal(logs.length, 1);
  assert.ok(
    logs[0].event.body.v0.data.equals(
      xdr.ScVal.scvVec([xdr.ScVal.scvString('hello called'), xdr.ScVal.scvSymbol('World')]),
    ),
  );
});

test('strings round-trip through UTF-8, including non-ASCII text', () => {
  const bob = hello.invoke('greet', { name: 'Bob' });
  assert.ok(bob.ok);
  assert.equal(bob.value, 'Hello, Bob!');
  const r = hello.invoke('greet', { name: 'Zoë 🚀' });
  assert.ok(r.ok);
  assert.ok(r.scVal.equals(xdr.ScVal.scvString('Hello, Zoë 🚀!')));
});

test('symbols of up to 32 chars: small and object forms', () => {
  for (const s of ['a', 'abcdefghi', 'abcdefghij', 'a_rather_long_symbol_of_32_chars']) {
    const r = hello.invoke('symbol_len', { s });
    assert.ok(r.ok, s);
    assert.equal(r.value, s.length);
  }
  const long = hello.invoke('long_symbol');
  assert.ok(long.ok && long.scVal.equals(xdr.ScVal.scvSymbol('a_rather_long_symbol')));
});

test('an argument of the wrong type fails the call', () => {
  const r = hello.invokeRaw('hello', [xdr.ScVal.scvString('World')]);
  assert.deepEqual(r.outcome.ok ? undefined : r.outcome.error, {
    type: ErrorType.WasmVm,
    code: ErrorCode.InvalidAction,
  });
});

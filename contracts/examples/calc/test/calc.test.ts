import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Keypair, contract, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '@sorobox/host';
import { TestContract, type CallOutcome } from '@sorobox/sdk/testing';

let calc: TestContract;

before(async () => {
  calc = await TestContract.load(new URL('..', import.meta.url).pathname);
  console.log(`calc.wasm: ${calc.build.sizeBytes} bytes`);
});

const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const ok = (r: CallOutcome): unknown => {
  assert.ok(r.ok, r.ok ? '' : `failed: ${JSON.stringify(r.error)} ${r.errorName ?? ''}`);
  return r.value;
};
const scValOf = (r: CallOutcome): xdr.ScVal => {
  assert.ok(r.ok);
  return r.scVal;
};
const failure = (r: CallOutcome) => (r.ok ? undefined : { ...r.error, name: r.errorName });

test('the spec lists the functions and contract types of the source', () => {
  const entries = calc.build.spec.map((e) => e.type);
  assert.deepEqual(entries.slice(0, 5), [
    'scSpecEntryUdtStructV0',
    'scSpecEntryUdtStructV0',
    'scSpecEntryUdtEnumV0',
    'scSpecEntryUdtUnionV0',
    'scSpecEntryUdtErrorEnumV0',
  ]);
  assert.deepEqual(
    calc.spec.funcs().map((f) => String(f.name)),
    [
      'add_i128',
      'mul_sub_u256',
      'div',
      'sum',
      'histogram',
      'translate',
      'centroid_sum',
      'credit',
      'owner_if_active',
      'next_color',
      'area',
      'scale',
      'double_opt',
      'hash',
      'reverse',
      'checked_div',
      'check_not_empty',
      'half',
      'scale_pair',
      'sum_pairs',
    ],
  );
  assert.deepEqual(
    calc.spec.errorCases().map((c) => [String(c.name), c.value, String(c.doc)]),
    [
      ['DivisionByZero', 1, 'Division by zero.'],
      ['Empty', 2, 'The input was empty.'],
    ],
  );
});

test('i128 arithmetic on small and large values, trapping on overflow', () => {
  assert.equal(ok(calc.invoke('add_i128', { a: 5n, b: -7n })), -2n);
  assert.equal(ok(calc.invoke('add_i128', { a: 2n ** 100n, b: -(2n ** 101n) })), -(2n ** 100n));
  assert.equal(ok(calc.invoke('add_i128', { a: 2n ** 126n, b: 2n ** 126n - 1n })), 2n ** 127n - 1n);
  assert.deepEqual(failure(calc.invoke('add_i128', { a: 2n ** 126n, b: 2n ** 126n })), {
    type: ErrorType.WasmVm,
    code: ErrorCode.InvalidAction,
    name: undefined,
  });
  assert.ok(
    scValOf(calc.invoke('add_i128', { a: 1n, b: 2n })).equals(
      xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: 0n, lo: 3n })),
    ),
  );
});

test('u256 arithmetic runs on the host', () => {
  assert.equal(ok(calc.invoke('mul_sub_u256', { a: 2n ** 200n, b: 3n, c: 1n })), 3n * 2n ** 200n - 1n);
  assert.equal(ok(calc.invoke('mul_sub_u256', { a: 6n, b: 7n, c: 2n })), 40n);
  // Underflow is the host's arithmetic error.
  assert.deepEqual(failure(calc.invoke('mul_sub_u256', { a: 1n, b: 1n, c: 2n })), {
    type: ErrorType.Object,
    code: ErrorCode.ArithDomain,
    name: undefined,
  });
});

test('contract errors surface with their error enum names', () => {
  assert.equal(ok(calc.invoke('div', { a: -9n, b: 2n })), -4n);
  assert.deepEqual(failure(calc.invoke('div', { a: 1n, b: 0n })), {
    type: ErrorType.Contract,
    code: 1,
    name: 'DivisionByZero',
  });
  assert.deepEqual(failure(calc.invoke('sum', { values: [] })), {
    type: ErrorType.Contract,
    code: 2,
    name: 'Empty',
  });
});

test('vectors and maps round-trip', () => {
  assert.equal(ok(calc.invoke('sum', { values: [1n, -2n, 2n ** 62n, 2n ** 62n] })), 2n ** 63n - 1n);
  const hist = scValOf(calc.invoke('histogram', { words: ['b', 'a', 'b', 'a_long_symbol_here'] }));
  const entry = (k: string, n: number) => new xdr.ScMapEntry({ key: sym(k), val: xdr.ScVal.scvU32(n) });
  assert.ok(hist.equals(xdr.ScVal.scvMap([entry('a', 1), entry('a_long_symbol_here', 1), entry('b', 2)])));
});

test('a struct is a map keyed by its field-name symbols, in name order', () => {
  const point = (x: bigint, y: bigint) =>
    xdr.ScVal.scvMap([
      new xdr.ScMapEntry({ key: sym('x'), val: xdr.ScVal.scvI64(x) }),
      new xdr.ScMapEntry({ key: sym('y'), val: xdr.ScVal.scvI64(y) }),
    ]);
  const r = calc.invokeRaw('translate', [point(1n, 2n), xdr.ScVal.scvI64(3n), xdr.ScVal.scvI64(-4n)]);
  assert.ok(r.outcome.ok && r.outcome.value.equals(point(4n, -2n)));
  assert.deepEqual(ok(calc.invoke('translate', { p: { x: 10n, y: 20n }, dx: -1n, dy: 2n ** 40n })), {
    x: 9n,
    y: 20n + 2n ** 40n,
  });
  // Decoding as the Rust SDK 28 does (sparse unpack): a missing field that is not an Option fails
  // the conversion; a key the struct does not name is ignored.
  const entry = (k: string, v: bigint) => new xdr.ScMapEntry({ key: sym(k), val: xdr.ScVal.scvI64(v) });
  const zero = [xdr.ScVal.scvI64(0n), xdr.ScVal.scvI64(0n)];
  const partial = calc.invokeRaw('translate', [xdr.ScVal.scvMap([entry('x', 1n)]), ...zero]);
  assert.deepEqual(partial.outcome.ok ? undefined : partial.outcome.error, {
    type: ErrorType.WasmVm,
    code: ErrorCode.InvalidAction,
  });
  const extra = calc.invokeRaw('translate', [
    xdr.ScVal.scvMap([entry('x', 1n), entry('y', 2n), entry('z', 3n)]),
    ...zero,
  ]);
  assert.ok(extra.outcome.ok && extra.outcome.value.equals(point(1n, 2n)));
  const centroid = calc.invoke('centroid_sum', {
    points: new Map([
      ['a', { x: 1n, y: 1n }],
      ['b', { x: 2n, y: 5n }],
    ]),
  });
  assert.deepEqual(ok(centroid), { x: 3n, y: 6n });
});

test('a struct of every kind of field, with options', () => {
  const owner = Keypair.random().publicKey();
  const account = { owner, balance: 10n, tags: ['x'], memo: 'hi', frozen: false };
  assert.deepEqual(ok(calc.invoke('credit', { account, amount: 2n ** 70n, tag: 'y' })), {
    ...account,
    balance: 10n + 2n ** 70n,
    tags: ['x', 'y'],
  });
  const noMemo = scValOf(
    calc.invoke('credit', { account: { ...account, memo: undefined }, amount: 0n, tag: 'z' }),
  );
  assert.equal(noMemo.type, 'scvMap');
  const memo = (noMemo as unknown as { map: xdr.ScMapEntry[] }).map.find((e) => e.key.equals(sym('memo')));
  assert.ok(memo?.val.equals(xdr.ScVal.scvVoid()), 'encoding writes every field, a None as Void');
  // A map without the Option field decodes it as None.
  const withoutMemo = xdr.ScVal.scvMap(
    (noMemo as unknown as { map: xdr.ScMapEntry[] }).map.filter((e) => !e.key.equals(sym('memo'))),
  );
  const decoded = calc.invokeRaw('owner_if_active', [withoutMemo]);
  assert.ok(decoded.outcome.ok);
  assert.equal(ok(calc.invoke('owner_if_active', { account })), owner);
  assert.equal(ok(calc.invoke('owner_if_active', { account: { ...account, frozen: true } })), null);
});

test('an integer enum is a u32', () => {
  assert.ok(scValOf(calc.invoke('next_color', { c: 1 })).equals(xdr.ScVal.scvU32(2)));
  assert.equal(ok(calc.invoke('next_color', { c: 3 })), 1);
  const notACase = calc.invokeRaw('next_color', [xdr.ScVal.scvU32(4)]);
  assert.equal(notACase.outcome.ok, false);
});

test('union cases are vectors headed by the case symbol', () => {
  const rect = xdr.ScVal.scvVec([sym('Rect'), xdr.ScVal.scvU32(2), xdr.ScVal.scvU32(5)]);
  const scaled = calc.invokeRaw('scale', [rect, xdr.ScVal.scvU32(3)]);
  assert.ok(
    scaled.outcome.ok &&
      scaled.outcome.value.equals(xdr.ScVal.scvVec([sym('Rect'), xdr.ScVal.scvU32(6), xdr.ScVal.scvU32(15)])),
  );
  assert.equal(ok(calc.invoke('area', { s: { tag: 'Circle', values: [2] } })), 12n);
  assert.equal(ok(calc.invoke('area', { s: { tag: 'Empty' } })), 0n);
  assert.equal(ok(calc.invoke('area', { s: { tag: 'BigSquare', values: [2n ** 100n] } })), 2n ** 200n);
  assert.deepEqual(ok(calc.invoke('scale', { s: { tag: 'BigSquare', values: [7n] }, k: 2 })), {
    tag: 'BigSquare',
    values: [14n],
  });
  assert.ok(
    scValOf(calc.invoke('scale', { s: { tag: 'Empty' }, k: 2 })).equals(xdr.ScVal.scvVec([sym('Empty')])),
  );
  const shapes = ok(
    calc.invoke('reverse', {
      shapes: [{ tag: 'Empty' }, { tag: 'Circle', values: [1] }, { tag: 'Rect', values: [1, 2] }],
    }),
  );
  assert.deepEqual(shapes, [
    { tag: 'Rect', values: [1, 2] },
    { tag: 'Circle', values: [1] },
    { tag: 'Empty' },
  ]);
  // Wrong payload count, unknown case: not a Shape.
  for (const bad of [
    xdr.ScVal.scvVec([sym('Circle')]),
    xdr.ScVal.scvVec([sym('Hexagon')]),
    xdr.ScVal.scvVec([]),
  ])
    assert.equal(calc.invokeRaw('area', [bad]).outcome.ok, false);
});

test('options, bytes and hashes', () => {
  assert.equal(ok(calc.invoke('double_opt', { x: -4n })), -8n);
  assert.ok(scValOf(calc.invoke('double_opt', { x: undefined })).equals(xdr.ScVal.scvVoid()));
  const digest = ok(calc.invoke('hash', { data: Buffer.from('abc') })) as Uint8Array;
  assert.equal(
    Buffer.from(digest).toString('hex'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
});

test('a Result: Ok is the value, Err fails the call with the contract error', () => {
  const r = calc.invoke('checked_div', { a: 9n, b: 2n });
  assert.ok(r.ok && r.value instanceof contract.Ok);
  assert.equal((r.value as contract.Ok<bigint>).unwrap(), 4n);
  assert.ok(scValOf(r).equals(xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: 0n, lo: 4n }))));
  assert.deepEqual(failure(calc.invoke('checked_div', { a: 1n, b: 0n })), {
    type: ErrorType.Contract,
    code: 1,
    name: 'DivisionByZero',
  });
  const done = calc.invoke('check_not_empty', { values: [1] });
  assert.ok(done.ok && done.scVal.equals(xdr.ScVal.scvVoid()));
  assert.deepEqual(failure(calc.invoke('check_not_empty', { values: [] })), {
    type: ErrorType.Contract,
    code: 2,
    name: 'Empty',
  });
  const [output] = calc.spec.getFunc('checked_div').outputs;
  assert.equal(output.type, 'scSpecTypeResult');
  const result = (output as unknown as { value: xdr.ScSpecTypeResult }).value;
  assert.equal(result.okType.type, 'scSpecTypeI128');
  assert.equal(result.errorType.type, 'scSpecTypeUdt');
  const [unit] = calc.spec.getFunc('check_not_empty').outputs;
  assert.equal((unit as unknown as { value: xdr.ScSpecTypeResult }).value.okType.type, 'scSpecTypeVoid');
});

test('Option of a number: None is Void, Some is the value', () => {
  assert.equal(ok(calc.invoke('half', { x: 8 })), 4);
  assert.equal(ok(calc.invoke('half', { x: 7 })), null);
  assert.equal(ok(calc.invoke('half', { x: undefined })), null);
  assert.ok(scValOf(calc.invoke('half', { x: 6 })).equals(xdr.ScVal.scvU32(3)));
  assert.equal(calc.spec.getFunc('half').inputs[0].type.type, 'scSpecTypeOption');
  // Some value of the wrong type is not an Option<u32>.
  assert.equal(calc.invokeRaw('half', [xdr.ScVal.scvI32(8)]).outcome.ok, false);
});

test('a tuple struct is a vector of its fields, named "0", "1" in the spec', () => {
  const pair = xdr.ScVal.scvVec([sym('gold'), xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: 0n, lo: 5n }))]);
  const r = calc.invokeRaw('scale_pair', [pair, xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: 0n, lo: 3n }))]);
  assert.ok(
    r.outcome.ok &&
      r.outcome.value.equals(
        xdr.ScVal.scvVec([sym('gold'), xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: 0n, lo: 15n }))]),
      ),
  );
  const entry = calc.build.spec.find(
    (e) => e.type === 'scSpecEntryUdtStructV0' && String(e.value.name) === 'Pair',
  );
  assert.ok(entry && entry.type === 'scSpecEntryUdtStructV0');
  assert.deepEqual(
    entry.value.fields.map((f) => [String(f.name), f.type.type]),
    [
      ['0', 'scSpecTypeSymbol'],
      ['1', 'scSpecTypeI128'],
    ],
  );
  assert.deepEqual(ok(calc.invoke('scale_pair', { p: ['silver', -(2n ** 80n)], k: 2n })), [
    'silver',
    -(2n ** 81n),
  ]);
  const pairs = [
    ['a', 1n],
    ['b', 10n],
    ['c', 100n],
  ];
  assert.equal(ok(calc.invoke('sum_pairs', { pairs, limit: 10n })), 11n);
  assert.equal(ok(calc.invoke('sum_pairs', { pairs, limit: undefined })), 111n);
  // A vector of the wrong length is not a Pair.
  assert.equal(
    calc.invokeRaw('scale_pair', [
      xdr.ScVal.scvVec([sym('x')]),
      xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: 0n, lo: 1n })),
    ]).outcome.ok,
    false,
  );
});

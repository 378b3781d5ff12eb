// env.json module `context`, through real Wasm: ledger info, comparison, contract events, failing
// with an error, the current contract address and the diagnostic `log` event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Address, hash, xdr } from '@stellar/stellar-sdk';
import {
  ErrorCode,
  ErrorType,
  HOST_PROTOCOL_VERSION,
  invokeContract,
  type InvokeResult,
} from '../src/index.ts';
import type { HostOptions } from '../src/host/host.ts';
import { contract, hostFnProxy, importOf } from './support/wat.ts';
import { expectError, expectValue, show, toJson } from './support/outcome.ts';

const u32 = (n: number) => xdr.ScVal.scvU32(n);
const i32 = (n: number) => xdr.ScVal.scvI32(n);
const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const bytes = (...b: number[]) => xdr.ScVal.scvBytes(Uint8Array.from(b));
const str = (b: Uint8Array) => xdr.ScVal.scvString(b);
const vec = (...items: xdr.ScVal[]) => xdr.ScVal.scvVec(items);
const errorVal = (type: number, code: number) =>
  xdr.ScVal.fromXdrObject(
    (type === 0
      ? { type: 2, error: { type: 0, contractCode: code } }
      : { type: 2, error: { type, code } }) as never,
  );
/** A U32Val as a Wasm constant. */
const u32v = (n: number): bigint => (BigInt(n) << 32n) | 4n;

const CONTRACT_ID = new Uint8Array(32).fill(7);

const run = (code: Uint8Array, args: xdr.ScVal[] = [], options: HostOptions = {}): InvokeResult =>
  invokeContract({ code, fn: 'call', args, contractId: CONTRACT_ID }, options);

/** The events of a run as plain objects, without the diagnostic fn_call / fn_return ones. */
const eventsOf = (r: InvokeResult) =>
  r.events
    .map((e) => e.toXdrObject())
    .filter((e) => {
      const first = e.event.body.v0.topics[0] as { sym?: unknown } | undefined;
      return !(e.event.type === 2 && (first?.sym === 'fn_call' || first?.sym === 'fn_return'));
    });

const proxies = new Map<string, Uint8Array>();
const proxy = (name: string): Uint8Array => {
  let code = proxies.get(name);
  if (!code) proxies.set(name, (code = hostFnProxy(name)));
  return code;
};

/** A contract calling a zero-argument host function `n` times (the U32 argument), returning Void. */
const loopContract = (name: string) =>
  contract(`(module
    ${importOf(name)}
    (func (export "call") (param $n i64) (result i64)
      (local $i i32)
      (block $done
        (loop $again
          (br_if $done (i32.ge_u (local.get $i) (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 32)))))
          (drop (call $${name}))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $again)))
      (i64.const 2)))`);

const GETTERS = [
  'get_ledger_version',
  'get_ledger_sequence',
  'get_ledger_timestamp',
  'get_ledger_network_id',
  'get_current_contract_address',
  'get_max_live_until_ledger',
];

test('ledger getters return the ledger info the host runs with', () => {
  expectValue(run(proxy('get_ledger_version')), u32(HOST_PROTOCOL_VERSION));
  expectValue(run(proxy('get_ledger_sequence'), [], { ledger: { sequenceNumber: 123456 } }), u32(123456));
  expectValue(
    run(proxy('get_ledger_timestamp'), [], { ledger: { timestamp: 1_700_000_000n } }),
    xdr.ScVal.scvU64(1_700_000_000n),
  );
  // Past 2^56 the host returns a U64 object; the ScVal is the same.
  expectValue(
    run(proxy('get_ledger_timestamp'), [], { ledger: { timestamp: (1n << 64n) - 1n } }),
    xdr.ScVal.scvU64((1n << 64n) - 1n),
  );
  const standalone = new Uint8Array(hash(Buffer.from('Standalone Network ; February 2017')));
  expectValue(run(proxy('get_ledger_network_id')), xdr.ScVal.scvBytes(standalone));
  const custom = new Uint8Array(32).fill(0xab);
  expectValue(
    run(proxy('get_ledger_network_id'), [], { ledger: { networkId: custom } }),
    xdr.ScVal.scvBytes(custom),
  );
});

test('get_current_contract_address is the running contract as a contract address', () => {
  expectValue(
    run(proxy('get_current_contract_address')),
    Address.contract(Buffer.from(CONTRACT_ID)).toScVal(),
  );
});

test('get_max_live_until_ledger is seq + max_entry_ttl - 1; overflowing u32 is Error(Context, InternalError)', () => {
  expectValue(
    run(proxy('get_max_live_until_ledger'), [], { ledger: { sequenceNumber: 100, maxEntryTtl: 3_110_400 } }),
    u32(3_110_499),
  );
  expectValue(
    run(proxy('get_max_live_until_ledger'), [], { ledger: { sequenceNumber: 0xfffffffe, maxEntryTtl: 2 } }),
    u32(0xffffffff),
  );
  expectError(
    run(proxy('get_max_live_until_ledger'), [], { ledger: { sequenceNumber: 0xffffffff, maxEntryTtl: 2 } }),
    ErrorType.Context,
    ErrorCode.InternalError,
  );
});

test('context getters run under the budget: 10 calls fit a 3M-instruction budget, 100k calls are Error(Budget, ExceededLimit)', () => {
  const budget = { cpuInstructions: 3_000_000 };
  for (const name of GETTERS) {
    const code = loopContract(name);
    expectValue(run(code, [u32(0)], { budget }), xdr.ScVal.scvVoid());
    expectValue(run(code, [u32(10)], { budget }), xdr.ScVal.scvVoid());
    expectError(run(code, [u32(100_000)], { budget }), ErrorType.Budget, ErrorCode.ExceededLimit);
  }
});

/** `obj_cmp(a, b)` returned as an I32Val. */
const objCmp = contract(`(module
  ${importOf('obj_cmp')}
  (func (export "call") (param $a i64) (param $b i64) (result i64)
    (i64.or (i64.shl (call $obj_cmp (local.get $a) (local.get $b)) (i64.const 32)) (i64.const 5))))`);

/** `obj_cmp(obj_from_u64(5), b)`: a U64 object holding a value that also fits the small form. */
const objCmpU64Object = contract(`(module
  ${importOf('obj_cmp')}
  ${importOf('obj_from_u64')}
  (func (export "call") (param $b i64) (result i64)
    (i64.or (i64.shl (call $obj_cmp (call $obj_from_u64 (i64.const 5)) (local.get $b)) (i64.const 32)) (i64.const 5))))`);

test('obj_cmp orders objects structurally and across types, returning -1 / 0 / 1', () => {
  const account = Address.account(Buffer.alloc(32, 9)).toScVal();
  const contractAddr = Address.contract(Buffer.alloc(32, 1)).toScVal();
  const cases: [xdr.ScVal, xdr.ScVal, number][] = [
    [bytes(1, 2), bytes(1, 3), -1],
    [bytes(1, 3), bytes(1, 2), 1],
    [bytes(1, 2), bytes(1, 2, 0), -1],
    [vec(u32(1), u32(2)), vec(u32(1), u32(2)), 0],
    [vec(), xdr.ScVal.scvVoid(), 1],
    [xdr.ScVal.scvVoid(), vec(), -1],
    [u32(5), bytes(), -1],
    [account, contractAddr, -1],
    [sym('abcdefghij'), sym('abd'), -1],
    [sym('abd'), sym('abcdefghij'), 1],
  ];
  for (const [a, b, want] of cases) expectValue(run(objCmp, [a, b]), i32(want));
  expectValue(run(objCmpU64Object, [xdr.ScVal.scvU64(5n)]), i32(0));
  expectValue(run(objCmpU64Object, [xdr.ScVal.scvU64(6n)]), i32(-1));
  expectValue(run(objCmpU64Object, [xdr.ScVal.scvU64(4n)]), i32(1));
});

test('obj_cmp of two non-objects is Error(Value, UnexpectedType)', () => {
  expectError(run(objCmp, [u32(1), u32(2)]), ErrorType.Value, ErrorCode.UnexpectedType);
  expectError(run(objCmp, [xdr.ScVal.scvVoid(), sym('a')]), ErrorType.Value, ErrorCode.UnexpectedType);
});

test('contract_event records a contract event with the Vec items as topics, whatever their number', () => {
  const topics = vec(sym('transfer'), u32(1), bytes(...new Array(100).fill(3)), sym('a'), sym('b'));
  const r = run(proxy('contract_event'), [topics, u32(7)]);
  expectValue(r, xdr.ScVal.scvVoid());
  assert.equal(r.events.length, 1);
  const e = r.events[0].toXdrObject();
  assert.equal(e.inSuccessfulContractCall, true);
  assert.equal(e.event.type, 1);
  assert.equal(toJson(e.event.contractId), toJson(CONTRACT_ID));
  assert.equal(toJson(e.event.body.v0.topics), toJson(topics.toXdrObject().vec));
  assert.equal(toJson(e.event.body.v0.data), show(u32(7)));
});

test('contract_event: topics that are not a Vec are Error(Value, InvalidInput); a failed frame marks its events', () => {
  expectError(run(proxy('contract_event'), [u32(1), u32(7)]), ErrorType.Value, ErrorCode.InvalidInput);
  const emitThenFail = contract(`(module
    ${importOf('contract_event')}
    ${importOf('fail_with_error')}
    (func (export "call") (param $topics i64) (result i64)
      (drop (call $contract_event (local.get $topics) (i64.const 2)))
      (call $fail_with_error (i64.const ${(5n << 32n) | 3n}))))`);
  const r = run(emitThenFail, [vec(sym('t'))]);
  expectError(r, ErrorType.Contract, 5);
  assert.equal(r.events.length, 1);
  assert.equal(r.events[0].toXdrObject().inSuccessfulContractCall, false);
});

test('fail_with_error fails the contract with exactly its contract error', () => {
  expectError(run(proxy('fail_with_error'), [errorVal(0, 42)]), ErrorType.Contract, 42);
  expectError(run(proxy('fail_with_error'), [errorVal(0, 0)]), ErrorType.Contract, 0);
});

test('fail_with_error with a non-contract error is Error(Context, UnexpectedType)', () => {
  expectError(
    run(proxy('fail_with_error'), [errorVal(ErrorType.Storage, ErrorCode.MissingValue)]),
    ErrorType.Context,
    ErrorCode.UnexpectedType,
  );
  expectError(
    run(proxy('fail_with_error'), [errorVal(ErrorType.Budget, ErrorCode.ExceededLimit)]),
    ErrorType.Context,
    ErrorCode.UnexpectedType,
  );
  // Anything but an Error value is rejected by the argument type check.
  expectError(run(proxy('fail_with_error'), [u32(1)]), ErrorType.Value, ErrorCode.InvalidInput);
});

/**
 * A contract writing `msg` at 0 and its argument plus U32(7) as Vals at 64, then logging
 * `msgLen` bytes at `msgPos` and `valsLen` Vals at `valsPos`.
 */
const logContract = (msg: Uint8Array, msgPos: number, msgLen: number, valsPos: number, valsLen: number) =>
  contract(`(module
    ${importOf('log_from_linear_memory')}
    (memory (export "memory") 1)
    (data (i32.const 0) "${[...msg].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}")
    (func (export "call") (param $v i64) (result i64)
      (i64.store (i32.const 64) (local.get $v))
      (i64.store (i32.const 72) (i64.const ${u32v(7)}))
      (call $log_from_linear_memory (i64.const ${u32v(msgPos)}) (i64.const ${u32v(msgLen)}) (i64.const ${u32v(valsPos)}) (i64.const ${u32v(valsLen)}))))`);

const logEvents = (r: InvokeResult) =>
  eventsOf(r).filter((e) => toJson(e.event.body.v0.topics) === toJson([sym('log').toXdrObject()]));
const hello = new TextEncoder().encode('hello');

test('log_from_linear_memory records a diagnostic log event: the message, then the values', () => {
  const r = run(logContract(hello, 0, 5, 64, 2), [bytes(1, 2)], { diagnostics: true });
  expectValue(r, xdr.ScVal.scvVoid());
  const [e, ...rest] = logEvents(r);
  assert.equal(rest.length, 0);
  assert.equal(e.event.type, 2);
  assert.equal(toJson(e.event.contractId), toJson(CONTRACT_ID));
  assert.equal(toJson(e.event.body.v0.data), show(vec(str(hello), bytes(1, 2), u32(7))));
  // No values: the data is the message string itself.
  const plain = logEvents(run(logContract(hello, 0, 5, 0, 0), [u32(0)], { diagnostics: true }));
  assert.equal(toJson(plain.map((x) => x.event.body.v0.data)), toJson([str(hello).toXdrObject()]));
});

test('log_from_linear_memory decodes the message like from_utf8_lossy', () => {
  const bad = Uint8Array.from([0x68, 0xff, 0x69, 0xef, 0xbb, 0xbf]);
  const [e] = logEvents(run(logContract(bad, 0, 6, 0, 0), [u32(0)], { diagnostics: true }));
  assert.equal(
    toJson(e.event.body.v0.data),
    show(str(Uint8Array.from([0x68, 0xef, 0xbf, 0xbd, 0x69, 0xef, 0xbb, 0xbf]))),
  );
});

test('log_from_linear_memory never fails: out-of-bounds ranges and diagnostics off record nothing and return Void', () => {
  const outOfBounds = run(logContract(hello, 65530, 100, 0, 0), [u32(0)], { diagnostics: true });
  expectValue(outOfBounds, xdr.ScVal.scvVoid());
  assert.equal(logEvents(outOfBounds).length, 0);
  const badVals = run(logContract(hello, 0, 5, 65536, 1), [u32(0)], { diagnostics: true });
  expectValue(badVals, xdr.ScVal.scvVoid());
  assert.equal(logEvents(badVals).length, 0);
  const off = run(logContract(hello, 0, 5, 64, 2), [bytes(1)]);
  expectValue(off, xdr.ScVal.scvVoid());
  assert.equal(off.events.length, 0);
});

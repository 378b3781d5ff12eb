// env.json module `buf`: the functions that copy between objects and the contract's linear memory,
// called through real Wasm with one page (65536 bytes) of memory.
import { test } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { invokeContract } from '../src/index.ts';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { contract, importOf } from './support/wat.ts';
import { callHostFn, expectError, expectValue } from './support/outcome.ts';

const bytes = (...b: number[]) => xdr.ScVal.scvBytes(Uint8Array.from(b));
const u32 = (n: number) => xdr.ScVal.scvU32(n);
const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const ascii = (s: string) => new TextEncoder().encode(s);

const PAGE = 65536;

/** A U32Val as the i64 constant a contract passes. */
const u32Const = (n: number) => `(i64.const ${(BigInt(n) << 32n) | 4n})`;

const wat = (bytesLiteral: Uint8Array) =>
  [...bytesLiteral].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');

/**
 * A contract whose `call(obj, obj_pos, lm_pos, len)` runs copy function `name` over memory
 * prefilled with `fill`, then returns the first `readLen` bytes of memory as Bytes.
 */
const copyThenRead = (name: string, readLen: number, fill = new Uint8Array(0)) =>
  contract(`(module
    ${importOf(name)}
    ${importOf('bytes_new_from_linear_memory')}
    (memory (export "memory") 1)
    (data (i32.const 0) "${wat(fill)}")
    (func (export "call") (param i64 i64 i64 i64) (result i64)
      (drop (call $${name} (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
      (call $bytes_new_from_linear_memory ${u32Const(0)} ${u32Const(readLen)})))`);

const copyOut = (name: string, obj: xdr.ScVal, objPos: number, lmPos: number, len: number, readLen = 8) =>
  invokeContract({
    code: copyThenRead(
      name,
      readLen,
      Uint8Array.from({ length: 8 }, () => 0xee),
    ),
    fn: 'call',
    args: [obj, u32(objPos), u32(lmPos), u32(len)],
  }).outcome;

// ---- object → linear memory ----

test('bytes_copy_to_linear_memory writes a range of the object', () => {
  expectValue(
    copyOut('bytes_copy_to_linear_memory', bytes(1, 2, 3, 4, 5), 1, 2, 3),
    bytes(0xee, 0xee, 2, 3, 4, 0xee, 0xee, 0xee),
  );
  // len 0 at the very end of the object and of memory is fine.
  expectValue(copyOut('bytes_copy_to_linear_memory', bytes(1, 2), 2, PAGE, 0, 2), bytes(0xee, 0xee));
});

test('bytes_copy_to_linear_memory errors: object range, memory range, overflow', () => {
  expectError(
    copyOut('bytes_copy_to_linear_memory', bytes(1, 2, 3), 1, 0, 3),
    ErrorType.Object,
    ErrorCode.IndexBounds,
  );
  expectError(
    copyOut('bytes_copy_to_linear_memory', bytes(1, 2, 3), 0, PAGE - 2, 3),
    ErrorType.WasmVm,
    ErrorCode.IndexBounds,
  );
  expectError(
    copyOut('bytes_copy_to_linear_memory', bytes(1, 2, 3), 0xffffffff, 0, 2),
    ErrorType.Value,
    ErrorCode.ArithDomain,
  );
});

test('string_copy_to_linear_memory writes a range of the string', () => {
  expectValue(
    copyOut('string_copy_to_linear_memory', xdr.ScVal.scvString('hello'), 1, 0, 4, 5),
    bytes(...ascii('ello'), 0xee),
  );
});

test('string_copy_to_linear_memory errors', () => {
  expectError(
    copyOut('string_copy_to_linear_memory', xdr.ScVal.scvString('hi'), 0, 0, 3),
    ErrorType.Object,
    ErrorCode.IndexBounds,
  );
  expectError(
    copyOut('string_copy_to_linear_memory', xdr.ScVal.scvString('hi'), 0, PAGE, 1),
    ErrorType.WasmVm,
    ErrorCode.IndexBounds,
  );
});

test('symbol_copy_to_linear_memory writes a range of a SymbolObject', () => {
  expectValue(
    copyOut('symbol_copy_to_linear_memory', sym('abcdefghijk'), 8, 0, 3, 4),
    bytes(...ascii('ijk'), 0xee),
  );
});

test('symbol_copy_to_linear_memory errors', () => {
  expectError(
    copyOut('symbol_copy_to_linear_memory', sym('abcdefghijk'), 9, 0, 3),
    ErrorType.Object,
    ErrorCode.IndexBounds,
  );
  // A SymbolSmall is not the SymbolObject env.json asks for.
  expectError(
    copyOut('symbol_copy_to_linear_memory', sym('abc'), 0, 0, 3),
    ErrorType.Value,
    ErrorCode.InvalidInput,
  );
});

// ---- linear memory → object ----

const DATA = Uint8Array.of(1, 2, 3, 4, 5);

test('bytes_copy_from_linear_memory overwrites in place', () => {
  expectValue(
    callHostFn('bytes_copy_from_linear_memory', [bytes(9, 9, 9, 9, 9), u32(1), u32(0), u32(3)], { data: DATA }),
    bytes(9, 1, 2, 3, 9),
  );
});

test('bytes_copy_from_linear_memory grows the copy, zero-filling past the end', () => {
  expectValue(
    callHostFn('bytes_copy_from_linear_memory', [bytes(9, 9, 9), u32(1), u32(0), u32(4)], { data: DATA }),
    bytes(9, 1, 2, 3, 4),
  );
  expectValue(
    callHostFn('bytes_copy_from_linear_memory', [bytes(9, 9, 9), u32(5), u32(3), u32(2)], { data: DATA }),
    bytes(9, 9, 9, 0, 0, 4, 5),
  );
  expectValue(callHostFn('bytes_copy_from_linear_memory', [bytes(), u32(2), u32(0), u32(0)], { data: DATA }), bytes(0, 0));
});

test('bytes_copy_from_linear_memory errors: memory range and overflow', () => {
  expectError(
    callHostFn('bytes_copy_from_linear_memory', [bytes(9), u32(0), u32(PAGE - 1), u32(2)], { data: DATA }),
    ErrorType.WasmVm,
    ErrorCode.IndexBounds,
  );
  expectError(
    callHostFn('bytes_copy_from_linear_memory', [bytes(9), u32(0xffffffff), u32(0), u32(1)], { data: DATA }),
    ErrorType.Value,
    ErrorCode.ArithDomain,
  );
  expectError(
    callHostFn('bytes_copy_from_linear_memory', [bytes(9), u32(0), u32(0xffffffff), u32(1)], { data: DATA }),
    ErrorType.Value,
    ErrorCode.ArithDomain,
  );
});

test('bytes_new_from_linear_memory copies a memory range', () => {
  expectValue(callHostFn('bytes_new_from_linear_memory', [u32(1), u32(3)], { data: DATA }), bytes(2, 3, 4));
  expectValue(callHostFn('bytes_new_from_linear_memory', [u32(PAGE), u32(0)], { data: DATA }), bytes());
  expectError(
    callHostFn('bytes_new_from_linear_memory', [u32(PAGE - 2), u32(3)], { data: DATA }),
    ErrorType.WasmVm,
    ErrorCode.IndexBounds,
  );
});

test('string_new_from_linear_memory takes any bytes (no UTF-8 check)', () => {
  const data = Uint8Array.of(0x68, 0xff, 0x69);
  expectValue(callHostFn('string_new_from_linear_memory', [u32(0), u32(3)], { data }), xdr.ScVal.scvString(data));
  expectError(
    callHostFn('string_new_from_linear_memory', [u32(PAGE), u32(1)], { data }),
    ErrorType.WasmVm,
    ErrorCode.IndexBounds,
  );
});

test('symbol_new_from_linear_memory validates the name', () => {
  expectValue(callHostFn('symbol_new_from_linear_memory', [u32(0), u32(5)], { data: ascii('Hi_42') }), sym('Hi_42'));
  expectError(
    callHostFn('symbol_new_from_linear_memory', [u32(0), u32(3)], { data: ascii('a-b') }),
    ErrorType.Value,
    ErrorCode.InvalidInput,
  );
  expectError(
    callHostFn('symbol_new_from_linear_memory', [u32(0), u32(33)], { data: ascii('a'.repeat(33)) }),
    ErrorType.Value,
    ErrorCode.InvalidInput,
  );
  expectError(
    callHostFn('symbol_new_from_linear_memory', [u32(PAGE - 1), u32(2)]),
    ErrorType.WasmVm,
    ErrorCode.IndexBounds,
  );
});

test('symbol_new_from_linear_memory always makes a SymbolObject, even for a short name', () => {
  // symbol_len accepts only a SymbolObject: it succeeding proves the 3-char symbol is an object.
  const code = contract(`(module
    ${importOf('symbol_new_from_linear_memory')}
    ${importOf('symbol_len')}
    (memory (export "memory") 1)
    (data (i32.const 0) "abc")
    (func (export "call") (result i64)
      (call $symbol_len (call $symbol_new_from_linear_memory ${u32Const(0)} ${u32Const(3)}))))`);
  expectValue(invokeContract({ code, fn: 'call' }).outcome, u32(3));
});

// ---- symbol_index_in_linear_memory ----

/** A table of (ptr, len) slices at 0 pointing at `names`, laid out from offset 64. */
const sliceTable = (names: readonly string[], extra: readonly [number, number][] = []): Uint8Array => {
  const mem = new Uint8Array(64 + names.reduce((n, s) => n + s.length, 0));
  const view = new DataView(mem.buffer);
  let at = 64;
  const refs: [number, number][] = names.map((s) => {
    mem.set(ascii(s), at);
    at += s.length;
    return [at - s.length, s.length];
  });
  [...refs, ...extra].forEach(([ptr, len], i) => {
    view.setUint32(i * 8, ptr, true);
    view.setUint32(i * 8 + 4, len, true);
  });
  return mem;
};

const NAMES = ['foo', 'hello', 'foo', 'abcdefghijk', ''];
const indexOf = (name: string, count = NAMES.length, data = sliceTable(NAMES)) =>
  callHostFn('symbol_index_in_linear_memory', [sym(name), u32(0), u32(count)], { data });

test('symbol_index_in_linear_memory finds the first matching slice', () => {
  expectValue(indexOf('foo'), u32(0));
  expectValue(indexOf('hello'), u32(1));
  expectValue(indexOf('abcdefghijk'), u32(3)); // a SymbolObject
  expectValue(indexOf(''), u32(4));
});

test('symbol_index_in_linear_memory: no match is (Value, MissingValue)', () => {
  expectError(indexOf('bar'), ErrorType.Value, ErrorCode.MissingValue);
  expectError(indexOf('fo'), ErrorType.Value, ErrorCode.MissingValue);
  expectError(indexOf('hello', 1), ErrorType.Value, ErrorCode.MissingValue); // only slice 0 is scanned
  expectError(indexOf('foo', 0), ErrorType.Value, ErrorCode.MissingValue);
});

test('symbol_index_in_linear_memory reads every slice, even after a match', () => {
  const data = sliceTable(['foo'], [[PAGE - 1, 2]]);
  expectError(indexOf('foo', 2, data), ErrorType.WasmVm, ErrorCode.IndexBounds);
  expectError(
    callHostFn('symbol_index_in_linear_memory', [sym('foo'), u32(PAGE - 4), u32(1)]),
    ErrorType.WasmVm,
    ErrorCode.IndexBounds,
  );
  const overflow = sliceTable(['foo'], [[0xffffffff, 2]]);
  expectError(indexOf('foo', 2, overflow), ErrorType.Value, ErrorCode.ArithDomain);
});

// env.json module `vec`: immutable vectors, searches and linear-memory packing, all through real Wasm.
import { test } from 'node:test';
import { xdr, nativeToScVal } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType, invokeContract, type InvokeOutcome } from '../src/index.ts';
import { contract, importOf } from './support/wat.ts';
import { callHostFn, expectError, expectValue } from './support/outcome.ts';

const run = (code: Uint8Array, args: xdr.ScVal[] = []): InvokeOutcome => invokeContract({ code, fn: 'call', args }).outcome;

const u32 = (n: number) => xdr.ScVal.scvU32(n);
const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const vec = (...items: xdr.ScVal[]) => xdr.ScVal.scvVec(items);
const VOID = xdr.ScVal.scvVoid();
const emptyMap = xdr.ScVal.scvMap([]);
const abc = vec(u32(1), u32(2), u32(3));

/** A raw U32Val word, for memory contents and WAT constants. */
const rawU32 = (n: number): bigint => (BigInt(n) << 32n) | 4n;
/** Little-endian raw Val words as memory bytes. */
const words = (...ws: bigint[]): Uint8Array => {
  const out = new Uint8Array(ws.length * 8);
  const view = new DataView(out.buffer);
  ws.forEach((w, i) => view.setBigUint64(i * 8, w, true));
  return out;
};

// ---- element access ----

test('vec_new makes an empty vector and vec_len counts elements', () => {
  expectValue(callHostFn('vec_new'), vec());
  expectValue(callHostFn('vec_len', [abc]), u32(3));
  expectValue(callHostFn('vec_len', [vec()]), u32(0));
});

test('vec_new and vec_len fail as the reference does', () => {
  // vec_new can only fail by exhausting the budget: each call is charged.
  const loop = contract(`(module ${importOf('vec_new')}
    (func (export "call") (result i64) (loop $l (drop (call $vec_new)) (br $l)) (i64.const 2)))`);
  expectError(run(loop), ErrorType.Budget, ErrorCode.ExceededLimit);
  expectError(callHostFn('vec_len', [emptyMap]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('vec_get returns an element; an index past the end is (Object, IndexBounds)', () => {
  expectValue(callHostFn('vec_get', [abc, u32(0)]), u32(1));
  expectValue(callHostFn('vec_get', [abc, u32(2)]), u32(3));
  expectError(callHostFn('vec_get', [abc, u32(3)]), ErrorType.Object, ErrorCode.IndexBounds);
  expectError(callHostFn('vec_get', [vec(), u32(0)]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('vec_put replaces an element in a new vector; index >= len is (Object, IndexBounds)', () => {
  expectValue(callHostFn('vec_put', [abc, u32(1), sym('x')]), vec(u32(1), sym('x'), u32(3)));
  expectError(callHostFn('vec_put', [abc, u32(3), sym('x')]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('vec_del removes an element, shifting the rest; index >= len is (Object, IndexBounds)', () => {
  expectValue(callHostFn('vec_del', [abc, u32(0)]), vec(u32(2), u32(3)));
  expectValue(callHostFn('vec_del', [abc, u32(2)]), vec(u32(1), u32(2)));
  expectError(callHostFn('vec_del', [abc, u32(3)]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('vec_insert inserts before index i, at len appends; i > len is (Object, IndexBounds)', () => {
  expectValue(callHostFn('vec_insert', [abc, u32(0), sym('x')]), vec(sym('x'), u32(1), u32(2), u32(3)));
  expectValue(callHostFn('vec_insert', [abc, u32(3), sym('x')]), vec(u32(1), u32(2), u32(3), sym('x')));
  expectError(callHostFn('vec_insert', [abc, u32(4), sym('x')]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('objects are immutable: a changed vector is a new object and the original is unchanged', () => {
  const code = contract(`(module ${importOf('vec_push_back')} ${importOf('vec_put')} ${importOf('vec_new_from_linear_memory')}
    (memory (export "memory") 1)
    (func (export "call") (param $v i64) (result i64)
      (i64.store (i32.const 0) (call $vec_push_back (local.get $v) (i64.const ${rawU32(9)})))
      (i64.store (i32.const 8) (call $vec_put (local.get $v) (i64.const ${rawU32(0)}) (i64.const ${rawU32(7)})))
      (i64.store (i32.const 16) (local.get $v))
      (call $vec_new_from_linear_memory (i64.const ${rawU32(0)}) (i64.const ${rawU32(3)}))))`);
  expectValue(run(code, [vec(u32(1))]), vec(vec(u32(1), u32(9)), vec(u32(7)), vec(u32(1))));
});

// ---- ends ----

test('vec_push_front and vec_push_back add an element', () => {
  expectValue(callHostFn('vec_push_front', [abc, sym('x')]), vec(sym('x'), u32(1), u32(2), u32(3)));
  expectValue(callHostFn('vec_push_back', [abc, sym('x')]), vec(u32(1), u32(2), u32(3), sym('x')));
  expectValue(callHostFn('vec_push_back', [vec(), VOID]), vec(VOID));
  expectError(callHostFn('vec_push_front', [emptyMap, u32(1)]), ErrorType.Value, ErrorCode.InvalidInput);
  expectError(callHostFn('vec_push_back', [u32(1), u32(1)]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('vec_pop_front and vec_pop_back drop an element; on an empty vector (Object, IndexBounds)', () => {
  expectValue(callHostFn('vec_pop_front', [abc]), vec(u32(2), u32(3)));
  expectValue(callHostFn('vec_pop_back', [abc]), vec(u32(1), u32(2)));
  expectValue(callHostFn('vec_pop_back', [vec(u32(1))]), vec());
  expectError(callHostFn('vec_pop_front', [vec()]), ErrorType.Object, ErrorCode.IndexBounds);
  expectError(callHostFn('vec_pop_back', [vec()]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('vec_front and vec_back read an end; on an empty vector (Object, IndexBounds)', () => {
  expectValue(callHostFn('vec_front', [abc]), u32(1));
  expectValue(callHostFn('vec_back', [abc]), u32(3));
  expectError(callHostFn('vec_front', [vec()]), ErrorType.Object, ErrorCode.IndexBounds);
  expectError(callHostFn('vec_back', [vec()]), ErrorType.Object, ErrorCode.IndexBounds);
});

// ---- whole vectors ----

test('vec_append concatenates two vectors', () => {
  expectValue(callHostFn('vec_append', [abc, vec(sym('x'), VOID)]), vec(u32(1), u32(2), u32(3), sym('x'), VOID));
  expectValue(callHostFn('vec_append', [vec(), vec()]), vec());
  expectError(callHostFn('vec_append', [abc, emptyMap]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('vec_slice copies [start, end); bounds are checked before start <= end', () => {
  expectValue(callHostFn('vec_slice', [abc, u32(1), u32(3)]), vec(u32(2), u32(3)));
  expectValue(callHostFn('vec_slice', [abc, u32(3), u32(3)]), vec());
  expectValue(callHostFn('vec_slice', [abc, u32(0), u32(3)]), abc);
  expectError(callHostFn('vec_slice', [abc, u32(2), u32(1)]), ErrorType.Object, ErrorCode.InvalidInput);
  expectError(callHostFn('vec_slice', [abc, u32(1), u32(4)]), ErrorType.Object, ErrorCode.IndexBounds);
  // start > len is reported as out of bounds even though start > end too.
  expectError(callHostFn('vec_slice', [abc, u32(4), u32(0)]), ErrorType.Object, ErrorCode.IndexBounds);
});

// ---- searches ----

test('vec_first_index_of / vec_last_index_of return a U32 index, or Void when absent', () => {
  const v = vec(u32(1), sym('a'), u32(1), sym('a'), u32(5));
  expectValue(callHostFn('vec_first_index_of', [v, sym('a')]), u32(1));
  expectValue(callHostFn('vec_last_index_of', [v, sym('a')]), u32(3));
  expectValue(callHostFn('vec_first_index_of', [v, u32(5)]), u32(4));
  expectValue(callHostFn('vec_first_index_of', [v, u32(9)]), VOID);
  expectValue(callHostFn('vec_last_index_of', [vec(), u32(9)]), VOID);
  expectError(callHostFn('vec_first_index_of', [emptyMap, u32(1)]), ErrorType.Value, ErrorCode.InvalidInput);
  expectError(callHostFn('vec_last_index_of', [emptyMap, u32(1)]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('searches compare by value: a U64 object equals the small U64 with the same value', () => {
  // obj_from_u64 always makes an object; the vector from ScVal holds the small form.
  const code = contract(`(module ${importOf('vec_first_index_of')} ${importOf('obj_from_u64')}
    (func (export "call") (param $v i64) (result i64)
      (call $vec_first_index_of (local.get $v) (call $obj_from_u64 (i64.const 5)))))`);
  expectValue(run(code, [vec(u32(5), nativeToScVal(4n, { type: 'u64' }), nativeToScVal(5n, { type: 'u64' }))]), u32(2));
});

/** A contract returning `vec_binary_search`'s raw u64 as a U64Small (it always fits in 56 bits). */
const binarySearch = contract(`(module ${importOf('vec_binary_search')}
  (func (export "call") (param $v i64) (param $x i64) (result i64)
    (i64.or (i64.shl (call $vec_binary_search (local.get $v) (local.get $x)) (i64.const 8)) (i64.const 6))))`);
const searchResult = (found: boolean, index: number) =>
  nativeToScVal((found ? 1n << 32n : 0n) | BigInt(index), { type: 'u64' });

test('vec_binary_search: found is (1 << 32) | index, absent is the insertion index', () => {
  const v = vec(u32(10), u32(20), u32(30), u32(40));
  expectValue(run(binarySearch, [v, u32(10)]), searchResult(true, 0));
  expectValue(run(binarySearch, [v, u32(30)]), searchResult(true, 2));
  expectValue(run(binarySearch, [v, u32(40)]), searchResult(true, 3));
  expectValue(run(binarySearch, [v, u32(5)]), searchResult(false, 0));
  expectValue(run(binarySearch, [v, u32(25)]), searchResult(false, 2));
  expectValue(run(binarySearch, [v, u32(99)]), searchResult(false, 4));
  expectValue(run(binarySearch, [vec(), u32(1)]), searchResult(false, 0));
  // Values of another type order by type: every symbol sorts after every u32.
  expectValue(run(binarySearch, [v, sym('a')]), searchResult(false, 4));
  expectError(run(binarySearch, [emptyMap, u32(1)]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('vec_binary_search with duplicates returns the index Rust std (1.82+) finds', () => {
  // std's branchless search keeps the last probe that is not Greater: for [1,2,2,2,3] it lands on 3.
  expectValue(run(binarySearch, [vec(u32(1), u32(2), u32(2), u32(2), u32(3)), u32(2)]), searchResult(true, 3));
  expectValue(run(binarySearch, [vec(u32(2), u32(2), u32(2), u32(2)), u32(2)]), searchResult(true, 3));
  expectValue(run(binarySearch, [vec(u32(1), u32(1), u32(2)), u32(1)]), searchResult(true, 1));
});

// ---- linear memory ----

test('vec_new_from_linear_memory reads len Vals (8 bytes each) from memory', () => {
  const data = words(rawU32(7), 2n /* Void */, 1n /* True */);
  expectValue(callHostFn('vec_new_from_linear_memory', [u32(0), u32(3)], { data }), vec(u32(7), VOID, xdr.ScVal.scvBool(true)));
  expectValue(callHostFn('vec_new_from_linear_memory', [u32(8), u32(1)], { data }), vec(VOID));
  expectValue(callHostFn('vec_new_from_linear_memory', [u32(0), u32(0)], { data }), vec());
});

test('vec_new_from_linear_memory maps the frame-relative handles it reads', () => {
  const code = contract(`(module ${importOf('vec_new_from_linear_memory')}
    (memory (export "memory") 1)
    (func (export "call") (param $a i64) (param $b i64) (result i64)
      (i64.store (i32.const 0) (local.get $b))
      (i64.store (i32.const 8) (local.get $a))
      (call $vec_new_from_linear_memory (i64.const ${rawU32(0)}) (i64.const ${rawU32(2)}))))`);
  const s = xdr.ScVal.scvString('hello');
  expectValue(run(code, [abc, s]), vec(s, abc));
});

test('vec_new_from_linear_memory errors: out of bounds, malformed Val, absurd length', () => {
  // One page is 65536 bytes: 8 Vals from 65528 run past it.
  expectError(callHostFn('vec_new_from_linear_memory', [u32(65528), u32(2)]), ErrorType.WasmVm, ErrorCode.IndexBounds);
  // A Bool with a non-zero body is not a well-formed Val.
  expectError(callHostFn('vec_new_from_linear_memory', [u32(0), u32(1)], { data: words(1n | (1n << 8n)) }), ErrorType.Value, ErrorCode.InvalidInput);
  // The Val buffer is charged before memory is read, as the reference does.
  expectError(callHostFn('vec_new_from_linear_memory', [u32(0), u32(0xffffffff)]), ErrorType.Budget, ErrorCode.ExceededLimit);
});

/** `vec_unpack_to_linear_memory(v, 64, len)`, then a vector of the memory words 64..64+8*read. */
const unpack = (len: number, read: number): Uint8Array =>
  contract(`(module ${importOf('vec_unpack_to_linear_memory')} ${importOf('vec_new_from_linear_memory')}
    (memory (export "memory") 1)
    (func (export "call") (param $v i64) (result i64)
      (drop (call $vec_unpack_to_linear_memory (local.get $v) (i64.const ${rawU32(64)}) (i64.const ${rawU32(len)})))
      (call $vec_new_from_linear_memory (i64.const ${rawU32(64)}) (i64.const ${rawU32(read)}))))`);

test('vec_unpack_to_linear_memory writes every element, objects as frame-relative handles', () => {
  const v = vec(u32(1), xdr.ScVal.scvString('s'), vec(sym('x')));
  expectValue(run(unpack(3, 3), [v]), v);
  expectValue(run(unpack(0, 0), [vec()]), vec());
});

test('vec_unpack_to_linear_memory: a length other than the vector length is (Object, UnexpectedSize)', () => {
  expectError(run(unpack(2, 2), [abc]), ErrorType.Object, ErrorCode.UnexpectedSize);
  expectError(run(unpack(4, 4), [abc]), ErrorType.Object, ErrorCode.UnexpectedSize);
  expectError(callHostFn('vec_unpack_to_linear_memory', [abc, u32(65528), u32(3)]), ErrorType.WasmVm, ErrorCode.IndexBounds);
});

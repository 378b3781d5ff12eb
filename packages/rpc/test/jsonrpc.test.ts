import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCode, RpcError, handleJsonRpc, type Methods } from '../src/jsonrpc.ts';

const methods: Methods = {
  echo: (params) => params,
  fail: () => {
    throw new RpcError(ErrorCode.InvalidParams, 'bad value');
  },
  boom: () => {
    throw new Error('unexpected');
  },
};

const call = async (body: string) => {
  const out = await handleJsonRpc(body, methods, () => {});
  return out === undefined ? undefined : JSON.parse(out);
};

test('a request is answered with its id and the method result', async () => {
  assert.deepEqual(await call('{"jsonrpc":"2.0","id":7,"method":"echo","params":{"a":1}}'), {
    jsonrpc: '2.0',
    id: 7,
    result: { a: 1 },
  });
  // The SDK sends params: null for methods without params.
  assert.deepEqual(await call('{"jsonrpc":"2.0","id":"x","method":"echo","params":null}'), {
    jsonrpc: '2.0',
    id: 'x',
    result: {},
  });
});

test('malformed JSON is a parse error (-32700) with a null id', async () => {
  const r = await call('{"jsonrpc":"2.0","id":1,');
  assert.equal(r.error.code, ErrorCode.ParseError);
  assert.equal(r.id, null);
});

test('a request that is not JSON-RPC 2.0 is an invalid request (-32600)', async () => {
  assert.equal((await call('{"id":1,"method":"echo"}')).error.code, ErrorCode.InvalidRequest);
  assert.equal((await call('{"jsonrpc":"2.0","id":1,"method":3}')).error.code, ErrorCode.InvalidRequest);
  assert.equal((await call('[]')).error.code, ErrorCode.InvalidRequest);
  assert.equal((await call('"hello"')).error.code, ErrorCode.InvalidRequest);
  assert.equal(
    (await call('{"jsonrpc":"2.0","id":{},"method":"echo"}')).error.code,
    ErrorCode.InvalidRequest,
  );
});

test('an unknown method is -32601; positional params are invalid params (-32602)', async () => {
  assert.equal((await call('{"jsonrpc":"2.0","id":1,"method":"nope"}')).error.code, ErrorCode.MethodNotFound);
  assert.equal(
    (await call('{"jsonrpc":"2.0","id":1,"method":"toString"}')).error.code,
    ErrorCode.MethodNotFound,
  );
  assert.equal(
    (await call('{"jsonrpc":"2.0","id":1,"method":"echo","params":[1]}')).error.code,
    ErrorCode.InvalidParams,
  );
});

test('method errors keep their code; unexpected ones are internal errors (-32603)', async () => {
  assert.deepEqual((await call('{"jsonrpc":"2.0","id":1,"method":"fail"}')).error, {
    code: ErrorCode.InvalidParams,
    message: 'bad value',
  });
  assert.equal((await call('{"jsonrpc":"2.0","id":1,"method":"boom"}')).error.code, ErrorCode.InternalError);
});

test('notifications get no answer; a batch is answered in order without them', async () => {
  assert.equal(await call('{"jsonrpc":"2.0","method":"echo"}'), undefined);
  const batch = await call(
    '[{"jsonrpc":"2.0","id":1,"method":"echo","params":{"n":1}},{"jsonrpc":"2.0","method":"echo"},{"jsonrpc":"2.0","id":2,"method":"nope"}]',
  );
  assert.equal(batch.length, 2);
  assert.deepEqual(batch[0].result, { n: 1 });
  assert.equal(batch[1].error.code, ErrorCode.MethodNotFound);
});

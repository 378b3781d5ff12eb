import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Asset, Operation } from '@stellar/stellar-sdk';
import { contract, importOf } from '../../host/test/support/wat.ts';
import { buildTx, metaV4, newFunded, openTestNetwork, root, submitOk } from './support/harness.ts';
import { contractIdOf, install, invokeContract, prepareInvoke } from './support/soroban.ts';

/** `hello` logs "hello" (`log_from_linear_memory` with no values); `fail` fails with Error(Contract, #5). */
const LOGGER = contract(`(module
  ${importOf('log_from_linear_memory')}
  ${importOf('fail_with_error')}
  (memory (export "memory") 1)
  (data (i32.const 0) "hello")
  (func (export "hello") (result i64)
    (drop (call $log_from_linear_memory (i64.const 4) (i64.const ${(5n << 32n) | 4n}) (i64.const 4) (i64.const 4)))
    (i64.const 2))
  (func (export "fail") (result i64)
    (call $fail_with_error (i64.const ${(5n << 32n) | 3n}))))`);

test('console lines: transactions applied, failed and rejected with decoded codes, contract logs as text', () => {
  const net = openTestNetwork();
  const lines: string[] = [];
  const stop = net.onLog((l) => lines.push(l));
  try {
    const alice = newFunded(net);
    const c = install(net, contractIdOf(6), LOGGER);
    const hello = prepareInvoke(net, alice, invokeContract(c.address, 'hello', []));
    net.submit(hello.tx.toEnvelope());
    assert.ok(lines.some((l) => /^tx [0-9a-f]{8}…[0-9a-f]{4} SUCCESS in ledger \d+: txSuccess \[invokeHostFunctionSuccess\]/.test(l)), lines.join('\n'));
    assert.ok(lines.includes(`  ${c.address} log: "hello"`), lines.join('\n'));

    net.submit(prepareInvoke(net, alice, invokeContract(c.address, 'fail', []), { failing: true }).tx.toEnvelope());
    assert.ok(lines.some((l) => l.includes('FAILED') && l.includes('txFailed [invokeHostFunctionTrapped]')), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('error: Error(Contract, #5)')), lines.join('\n'));

    net.submit(buildTx(net, root, [Operation.payment({ destination: alice.publicKey(), asset: Asset.native(), amount: '1' })], { fee: '1' }).toEnvelope());
    assert.ok(lines.some((l) => l.endsWith('rejected: txInsufficientFee')), lines.join('\n'));
    stop();
    const count = lines.length;
    net.closeLedgers(1);
    assert.equal(lines.length, count, 'no lines after unsubscribing');
  } finally {
    net.close();
  }
});

test('diagnosticEvents: false leaves the host diagnostic events (and contract logs) out of the meta', () => {
  const net = openTestNetwork({ diagnosticEvents: false });
  const lines: string[] = [];
  net.onLog((l) => lines.push(l));
  try {
    const alice = newFunded(net);
    const c = install(net, contractIdOf(7), LOGGER);
    const record = submitOk(net, prepareInvoke(net, alice, invokeContract(c.address, 'hello', [])).tx);
    assert.deepEqual(metaV4(record).diagnosticEvents, []);
    assert.ok(!lines.some((l) => l.includes('log:')));
  } finally {
    net.close();
  }
});

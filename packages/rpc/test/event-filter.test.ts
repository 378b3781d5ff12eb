import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrKey, xdr } from '@stellar/stellar-sdk';
import type { EventRecord } from '@sorobox/network';
import { matchEvent, parseFilters } from '../src/methods/event-filter.ts';
import { RpcError } from '../src/jsonrpc.ts';

const CONTRACT = new Uint8Array(32).fill(7);
const C = StrKey.encodeContract(Buffer.from(CONTRACT));
const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const b64 = (v: xdr.ScVal) => v.toXdr('base64');

const record = (topics: xdr.ScVal[], type = 1, contract: Uint8Array | null = CONTRACT): EventRecord => ({
  id: '0000000004294971393-0000000000',
  ledger: 1,
  ledgerClosedAt: 0n,
  transactionIndex: 1,
  operationIndex: 0,
  eventIndex: 0,
  txHash: '00'.repeat(32),
  inSuccessfulContractCall: true,
  event: xdr.ContractEvent.fromXdrObject({
    ext: { v: 0 },
    contractId: contract,
    type,
    body: { v: 0, v0: { topics: topics.map((t) => t.toXdrObject()), data: { type: 1 } } },
  } as xdr.ContractEventWire),
});

const matches = (filters: unknown[], r: EventRecord) => matchEvent(parseFilters(filters), r);

test('topic segments match exactly, * matches one topic, a trailing ** any number', () => {
  const ev = record([sym('transfer'), sym('alice'), sym('bob')]);
  assert.ok(matches([{ topics: [[b64(sym('transfer')), '*', '*']] }], ev));
  assert.ok(!matches([{ topics: [[b64(sym('transfer')), '*']] }], ev), 'without ** the length must be equal');
  assert.ok(matches([{ topics: [[b64(sym('transfer')), '**']] }], ev));
  assert.ok(matches([{ topics: [['*', b64(sym('alice')), '**']] }], ev));
  assert.ok(
    matches([{ topics: [[b64(sym('transfer')), '*', '*', '**']] }], ev),
    '** matches zero topics too',
  );
  assert.ok(!matches([{ topics: [[b64(sym('mint')), '**']] }], ev));
  // Topic filters of one filter OR together.
  assert.ok(
    matches(
      [
        {
          topics: [
            [b64(sym('mint')), '**'],
            ['*', '*', b64(sym('bob'))],
          ],
        },
      ],
      ev,
    ),
  );
});

test('type and contract ids AND within a filter; filters OR; diagnostic events never match', () => {
  const ev = record([sym('x')]);
  assert.ok(matches([], ev));
  assert.ok(matches([{ type: 'contract', contractIds: [C] }], ev));
  assert.ok(!matches([{ type: 'system', contractIds: [C] }], ev));
  assert.ok(matches([{ type: 'system' }, { contractIds: [C] }], ev));
  assert.ok(matches([{ type: 'system,contract' }], ev));
  assert.ok(!matches([{ contractIds: [StrKey.encodeContract(Buffer.alloc(32))] }], ev));
  assert.ok(!matches([], record([sym('x')], 2)));
});

test('invalid filters are InvalidParams with stellar-rpc wording', () => {
  const code = (filters: unknown[]) => {
    try {
      parseFilters(filters);
    } catch (e) {
      assert.ok(e instanceof RpcError);
      return e.message;
    }
    return 'accepted';
  };
  assert.match(code([{}, {}, {}, {}, {}, {}]), /maximum 5 filters per request/);
  assert.match(code([{ type: 'diagnostic' }]), /filter 1 invalid: filter type invalid/);
  assert.match(code([{ contractIds: ['GABC'] }]), /contract ID 1 invalid/);
  assert.match(
    code([{ topics: [['**', b64(sym('a'))]] }]),
    /wildcard '\*\*' is only allowed as the last segment/,
  );
  assert.match(code([{ topics: [['*', '*', '*', '*', '*']] }]), /more than 4 segments/);
  assert.equal(code([{ topics: [['*', '*', '*', '*', '**']] }]), 'accepted');
  assert.match(code([{ topics: [[]] }]), /at least 1 segment/);
  assert.match(code([{ topics: [['not base64 scval']] }]), /segment 1 invalid/);
});

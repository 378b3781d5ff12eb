/** `sorobox keys generate <name> [--fund]`, `sorobox keys fund <name|G...>`, `sorobox keys list`. */
import { Keypair } from '@stellar/stellar-sdk';
import { boolFlag, checkFlags, stringFlag, UsageError, type Args } from '../args.ts';
import { keysDir, listKeys, loadKey, resolveAddress, saveKey } from '../keys.ts';
import { resolveTarget, type Target } from '../target.ts';

const fund = async (target: Target, address: string): Promise<void> => {
  if (!target.friendbotUrl) throw new UsageError(`${target.rpcUrl} has no friendbot`);
  const res = await fetch(`${target.friendbotUrl}?addr=${encodeURIComponent(address)}`, { method: 'POST' });
  const body = (await res.json().catch(() => ({}))) as { detail?: string };
  if (!res.ok) {
    if (body.detail?.includes('createAccountAlreadyExist')) {
      console.log(`${address} already exists on ${target.name}`);
      return;
    }
    throw new UsageError(`friendbot refused ${address}: ${body.detail ?? res.status}`);
  }
  console.log(`funded ${address} on ${target.name}`);
};

export const keys = async (args: Args): Promise<void> => {
  const [sub, name] = args.positionals;
  switch (sub) {
    case 'generate': {
      checkFlags(args, ['fund', 'network', 'overwrite']);
      if (!name)
        throw new UsageError('usage: sorobox keys generate <name> [--fund] [--network local|testnet|<url>]');
      const keypair = Keypair.random();
      const path = saveKey(name, keypair, boolFlag(args, 'overwrite'));
      console.log(`${name}: ${keypair.publicKey()} (secret in ${path})`);
      if (boolFlag(args, 'fund'))
        await fund(await resolveTarget(stringFlag(args, 'network')), keypair.publicKey());
      return;
    }
    case 'fund': {
      checkFlags(args, ['network']);
      if (!name) throw new UsageError('usage: sorobox keys fund <name|G...> [--network local|testnet|<url>]');
      const target = await resolveTarget(stringFlag(args, 'network'));
      await fund(target, resolveAddress(target, name));
      return;
    }
    case 'list': {
      checkFlags(args, []);
      const names = listKeys();
      if (!names.length) console.log(`no keys in ${keysDir()}`);
      for (const n of names) console.log(`${n}  ${loadKey(n)!.publicKey()}`);
      return;
    }
    default:
      throw new UsageError('usage: sorobox keys generate|fund|list ...');
  }
};

/** env.json module `crypto`: hashes, signatures, BLS12-381, BN254 and Poseidon. */
import type { HostFnTable } from '../types.ts';
import { bls12381Functions } from './bls12-381.ts';
import { bn254Functions } from './bn254.ts';
import { hashSigFunctions } from './hash-sig.ts';
import { poseidonFunctions } from './poseidon.ts';

export const cryptoFunctions: HostFnTable = {
  ...hashSigFunctions,
  ...bls12381Functions,
  ...bn254Functions,
  ...poseidonFunctions,
};

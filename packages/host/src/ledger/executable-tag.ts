/**
 * CAP-85 storage rules for keys that are `ExecutableTagObject`s. Such an entry is what external
 * references resolve through, so the host keeps it valid: it is persistent, it holds the 32-byte
 * hash of uploaded code, and it can never be deleted. Reads and TTL extensions are ordinary.
 */
import type { Host } from '../host/host.ts';
import { Tag } from '../val/tag.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { tagOf, type Val } from '../val/val.ts';
import { storageOf } from './data.ts';
import { HASH_BYTES, wasmExists } from './executable.ts';

export const isExecutableTag = (k: Val): boolean => tagOf(k) === Tag.ExecutableTagObject;

/**
 * Before a put under a tag key: temporary or instance storage, or a value other than 32 bytes, is
 * `Error(Storage, InvalidInput)`; a hash of code never uploaded is `Error(Storage, MissingValue)`.
 */
export const checkTagPut = (host: Host, persistent: boolean, v: Val): void => {
  if (!persistent)
    throw hostError(
      ErrorType.Storage,
      ErrorCode.InvalidInput,
      'executable tag entries must be in persistent storage',
    );
  if (tagOf(v) !== Tag.BytesObject)
    throw hostError(
      ErrorType.Storage,
      ErrorCode.InvalidInput,
      'an executable tag entry must hold a 32-byte Wasm hash',
      v,
    );
  const hash = host.get(v, Tag.BytesObject).bytes;
  if (hash.length !== HASH_BYTES)
    throw hostError(
      ErrorType.Storage,
      ErrorCode.InvalidInput,
      'an executable tag entry must hold a 32-byte Wasm hash',
      v,
    );
  if (!wasmExists(host, storageOf(host), hash))
    throw hostError(
      ErrorType.Storage,
      ErrorCode.MissingValue,
      'executable tag entry refers to Wasm that does not exist',
      v,
    );
};

export const refuseTagDelete = (k: Val): never => {
  throw hostError(ErrorType.Storage, ErrorCode.InvalidAction, 'executable tag entries can not be deleted', k);
};

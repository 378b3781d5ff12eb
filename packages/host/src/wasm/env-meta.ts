/**
 * `contractenvmetav0`: the interface version a contract was built for (XDR `SCEnvMetaEntry`,
 * kind 0 = `{ uint32 protocol; uint32 preRelease }`), and the rules for accepting it
 * (`soroban-env-host/src/vm/parsed_module.rs`, `check_contract_interface_version`).
 */
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import type { CustomSection } from './parse.ts';

export const ENV_META_SECTION = 'contractenvmetav0';

export interface InterfaceVersion {
  readonly protocol: number;
  readonly preRelease: number;
}

const invalid = (message: string) => hostError(ErrorType.WasmVm, ErrorCode.InvalidInput, message);

export const readInterfaceVersion = (sections: readonly CustomSection[]): InterfaceVersion => {
  // The first section and its first entry count; later ones are ignored, as in the reference.
  const found = sections.find((s) => s.name === ENV_META_SECTION);
  if (!found) throw invalid(`contract missing metadata section ${ENV_META_SECTION}: rebuild it with a Soroban SDK`);
  const data = found.data;
  if (data.length === 0) throw invalid('contract missing environment interface version');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 12 || view.getUint32(0) !== 0)
    throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `malformed ${ENV_META_SECTION} entry`);
  return { protocol: view.getUint32(4), preRelease: view.getUint32(8) };
};

export const checkInterfaceVersion = (
  v: InterfaceVersion,
  ledgerProtocol: number,
  hostPreRelease: number,
): void => {
  if (v.protocol > ledgerProtocol)
    throw invalid(`contract protocol ${v.protocol} is newer than the ledger protocol ${ledgerProtocol}`);
  if (v.protocol < ledgerProtocol && v.preRelease !== 0)
    throw invalid(`contract built for pre-release ${v.preRelease} of old protocol ${v.protocol}`);
  if (v.protocol === ledgerProtocol && v.preRelease !== hostPreRelease)
    throw invalid(`contract pre-release ${v.preRelease} does not match the host's ${hostPreRelease}`);
};

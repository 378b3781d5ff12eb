/** The node's console: the network's log lines (transactions applied or failed, contract logs, decoded errors) as they happen. */
import type { Network } from '@sorobox/network';

/** Prints every log line of the network; returns the unsubscribe. */
export const attachConsole = (
  network: Network,
  write: (line: string) => void = (line) => console.log(line),
): (() => void) => network.onLog(write);

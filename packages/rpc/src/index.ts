/** @sorobox/rpc: the Stellar RPC JSON-RPC API, friendbot and sorobox_* developer methods over a Sorobox network. */
export {
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  DEFAULT_RETENTION_WINDOW,
  startRpcServer,
  type RpcServer,
  type RpcServerOptions,
} from './server.ts';
export { attachConsole } from './console.ts';
export { ErrorCode, RpcError, handleJsonRpc, type Method, type Methods, type Params } from './jsonrpc.ts';
export { rpcMethods } from './methods/index.ts';
export { DEFAULT_FUND_STROOPS } from './methods/dev.ts';
export type { RpcContext, VersionInfo } from './context.ts';

/**
 * The HTTP server: JSON-RPC at `/rpc` (and `/`), friendbot at `/friendbot`, CORS for browser apps
 * (preflight included), and stellar-rpc's 512 KiB request body limit.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Network } from '@sorobox/network';
import type { RpcContext, VersionInfo } from './context.ts';
import { createFriendbot } from './friendbot.ts';
import { ErrorCode, handleJsonRpc } from './jsonrpc.ts';
import { rpcMethods } from './methods/index.ts';
import { versionInfo } from './version.ts';

export const DEFAULT_PORT = 8000;
export const DEFAULT_HOST = '127.0.0.1';
/** stellar-rpc's HTTP body limit. */
export const DEFAULT_MAX_BODY_BYTES = 512 * 1024;
export const DEFAULT_RETENTION_WINDOW = 120_960;

export interface RpcServerOptions {
  readonly network: Network;
  /** Default 8000; 0 picks a free port. */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  readonly maxBodyBytes?: number;
  /** Serve `/friendbot` (default true). */
  readonly friendbot?: boolean;
  /** The network's history window in ledgers, reported by getHealth. */
  readonly retentionWindow?: number;
  readonly version?: VersionInfo;
  /** Called with unexpected errors (answered as JSON-RPC InternalError). */
  readonly onInternalError?: (e: unknown) => void;
}

export interface RpcServer {
  readonly port: number;
  /** `http://localhost:<port>` */
  readonly url: string;
  readonly rpcUrl: string;
  readonly friendbotUrl: string | undefined;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

const readBody = (req: IncomingMessage, limit: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume(); // drain, so the answer can be written
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const setCors = (req: IncomingMessage, res: ServerResponse): void => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  // The SDK sends X-Client-Name / X-Client-Version; allow whatever the preflight asks for.
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ?? 'Content-Type',
  );
  res.setHeader('Access-Control-Max-Age', '86400');
};

const sendJson = (res: ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
};

const rpcError = (code: number, message: string): string =>
  JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } });

export const startRpcServer = async (options: RpcServerOptions): Promise<RpcServer> => {
  const { network } = options;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const friendbotOn = options.friendbot ?? true;
  let port = options.port ?? DEFAULT_PORT;
  const url = () => `http://localhost:${port}`;
  const ctx: RpcContext = {
    network,
    friendbotUrl: () => (friendbotOn ? `${url()}/friendbot` : undefined),
    retentionWindow: options.retentionWindow ?? DEFAULT_RETENTION_WINDOW,
    version: options.version ?? versionInfo(),
  };
  const methods = rpcMethods(ctx);
  const friendbot = friendbotOn
    ? createFriendbot(network, (transaction) => methods.simulateTransaction({ transaction }))
    : undefined;
  const onInternalError =
    options.onInternalError ?? ((e: unknown) => console.error('sorobox rpc: internal error:', e));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setCors(req, res);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/friendbot' && friendbot && (req.method === 'GET' || req.method === 'POST')) {
      const answer = await friendbot(new URL(req.url ?? '/', 'http://localhost').searchParams.get('addr'));
      sendJson(res, answer.status, JSON.stringify(answer.body));
      return;
    }
    if (path !== '/' && path !== '/rpc') {
      sendJson(res, 404, JSON.stringify({ error: `no such path ${path}: JSON-RPC is served at /rpc` }));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST, OPTIONS');
      sendJson(res, 405, rpcError(ErrorCode.InvalidRequest, 'JSON-RPC requests are POSTed'));
      return;
    }
    let body: string;
    try {
      body = await readBody(req, maxBody);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      res.setHeader('Connection', 'close');
      sendJson(res, 413, rpcError(ErrorCode.InvalidRequest, `request body exceeds ${maxBody} bytes`));
      return;
    }
    const answer = await handleJsonRpc(body, methods, onInternalError);
    if (answer === undefined) res.writeHead(204).end();
    else sendJson(res, 200, answer);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      onInternalError(e);
      if (!res.headersSent) sendJson(res, 500, rpcError(ErrorCode.InternalError, 'internal error'));
      else res.end();
    });
  });
  // Clients (the SDK's axios, browsers) reuse idle connections. If the server dropped an idle
  // socket first, a request sent on it in that instant fails with ECONNRESET (the SDK then reports
  // "Account not found"); so the server waits longer than any client keeps a socket idle, and
  // `close()` ends open sockets itself.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? DEFAULT_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: url(),
    rpcUrl: `${url()}/rpc`,
    friendbotUrl: ctx.friendbotUrl(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
};

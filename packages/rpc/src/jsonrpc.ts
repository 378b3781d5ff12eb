/**
 * JSON-RPC 2.0 framing as stellar-rpc (jrpc2) answers it: single and batch requests, notifications
 * (no `id`: no answer), the standard error codes, and named-object params only (stellar-rpc
 * refuses positional arrays so that methods can grow new parameters).
 */

export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
} as const;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const invalidParams = (message: string): RpcError => new RpcError(ErrorCode.InvalidParams, message);
export const invalidRequest = (message: string): RpcError => new RpcError(ErrorCode.InvalidRequest, message);

/** A method's params: the request's object, or an empty one when the request sent none (or null). */
export type Params = Readonly<Record<string, unknown>>;
export type Method = (params: Params) => unknown;
export type Methods = Readonly<Record<string, Method>>;

type Id = string | number | null;
interface Response {
  jsonrpc: '2.0';
  id: Id;
  result?: unknown;
  error?: { code: number; message: string };
}

const errorResponse = (id: Id, e: RpcError): Response => ({
  jsonrpc: '2.0',
  id,
  error: { code: e.code, message: e.message },
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Answers one decoded request; undefined for a notification. */
const answer = async (
  request: unknown,
  methods: Methods,
  onInternalError: (e: unknown) => void,
): Promise<Response | undefined> => {
  if (!isObject(request)) return errorResponse(null, invalidRequest('invalid request: not an object'));
  const rawId = request.id;
  const validId =
    rawId === undefined || rawId === null || typeof rawId === 'string' || typeof rawId === 'number';
  const id: Id = validId ? (rawId ?? null) : null;
  if (!validId)
    return errorResponse(null, invalidRequest('invalid request: id must be a string, a number or null'));
  if (request.jsonrpc !== '2.0')
    return errorResponse(id, invalidRequest('invalid request: jsonrpc must be "2.0"'));
  if (typeof request.method !== 'string')
    return errorResponse(id, invalidRequest('invalid request: method must be a string'));
  const isNotification = !('id' in request);
  const method = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
  let response: Response;
  if (!method) {
    response = errorResponse(
      id,
      new RpcError(ErrorCode.MethodNotFound, `method "${request.method}" not found`),
    );
  } else if (request.params !== undefined && request.params !== null && !isObject(request.params)) {
    response = errorResponse(id, invalidParams('invalid parameters: params must be an object'));
  } else {
    try {
      const result = await method((request.params as Params | undefined | null) ?? {});
      response = { jsonrpc: '2.0', id, result };
    } catch (e) {
      if (e instanceof RpcError) response = errorResponse(id, e);
      else {
        onInternalError(e);
        response = errorResponse(
          id,
          new RpcError(ErrorCode.InternalError, e instanceof Error ? e.message : String(e)),
        );
      }
    }
  }
  return isNotification ? undefined : response;
};

/**
 * Answers a request body: the JSON text to send back, or undefined when nothing is due (only
 * notifications). Never throws.
 */
export const handleJsonRpc = async (
  body: string,
  methods: Methods,
  onInternalError: (e: unknown) => void = () => {},
): Promise<string | undefined> => {
  let decoded: unknown;
  try {
    decoded = JSON.parse(body);
  } catch (e) {
    return JSON.stringify(
      errorResponse(null, new RpcError(ErrorCode.ParseError, `parse error: ${(e as Error).message}`)),
    );
  }
  if (Array.isArray(decoded)) {
    if (decoded.length === 0)
      return JSON.stringify(errorResponse(null, invalidRequest('invalid request: empty batch')));
    const responses: Response[] = [];
    // In order: a batch may close ledgers, and later requests see what earlier ones did.
    for (const request of decoded) {
      const r = await answer(request, methods, onInternalError);
      if (r) responses.push(r);
    }
    return responses.length ? JSON.stringify(responses) : undefined;
  }
  const r = await answer(decoded, methods, onInternalError);
  return r ? JSON.stringify(r) : undefined;
};

// The server's one error handler: every failure becomes `{ ok:false, error, message }` with a
// stable snake_case code and a 4xx for anything the caller did; a 500 never carries a stack.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ErrorCode, isPunchlistError, PunchlistError } from '../domain/errors.js';

const STATUS: Record<ErrorCode, number> = {
  bad_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  duplicate: 409,
  conflict: 409,
  check_failed: 422,
  tool_failed: 422,
  version_required: 428,
  store_locked: 503,
  store_unavailable: 503,
};

/** A stale write: carries the resource as it is now, so the client can show and retry. */
export class StaleWrite extends PunchlistError {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super('conflict', message);
  }
}

export interface ErrorBody {
  ok: false;
  error: string;
  message: string;
  current?: unknown;
}

// Fastify's own codes for what a client sent wrong, mapped to ours.
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad_input'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_input'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'bad_input'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'unsupported_media_type'],
  FST_REQ_FILE_TOO_LARGE: [413, 'payload_too_large'],
  FST_PARTS_LIMIT: [413, 'payload_too_large'],
  FST_FILES_LIMIT: [413, 'payload_too_large'],
  FST_FIELDS_LIMIT: [413, 'payload_too_large'],
  FST_PROTO_VIOLATION: [400, 'bad_input'],
  FST_ERR_VALIDATION: [400, 'bad_input'],
};

export function toErrorReply(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof StaleWrite) return { status: 409, body: { ok: false, error: 'conflict', message: error.message, current: error.current } };
  if (isPunchlistError(error)) return { status: STATUS[error.code], body: { ok: false, error: error.code, message: error.message } };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const where = first ? `${error.validationContext ?? 'input'}${first.instancePath.replace(/\//g, '.')}` : 'input';
    return { status: 400, body: { ok: false, error: 'bad_input', message: `${where}: ${first?.message ?? 'invalid'}` } };
  }
  const fe = error as Partial<FastifyError> & { status?: number };
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return { status: known[0], body: { ok: false, error: known[1], message: fe.message ?? known[1] } };
  const status = fe.statusCode ?? fe.status;
  if (status === 429) return { status, body: { ok: false, error: 'rate_limited', message: fe.message ?? 'too many requests; slow down' } };
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, body: { ok: false, error: 'bad_input', message: fe.message ?? 'bad request' } };
  }
  return { status: 500, body: { ok: false, error: 'internal', message: 'internal error; it has been logged' } };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = toErrorReply(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.code(status).type('application/json').send(body);
}

export const notFoundHandler = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
  reply.code(404).send({ ok: false, error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } satisfies ErrorBody);

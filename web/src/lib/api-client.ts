// The one way the dashboard talks to the server: JSON over fetch with the same-origin cookie
// session. Unsafe requests echo the session's CSRF token (the readable `pl_csrf` cookie) in
// `x-csrf-token`; errors, the API's `{ ok:false, error, message, current? }`, become an ApiError.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** On a 409: the resource as it is now, so the page can show it and retry. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const SAFE = new Set(['GET', 'HEAD']);

export function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)pl_csrf=([^;]*)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

export type Query = Record<string, string | number | boolean | readonly string[] | undefined | null>;

/** `/api/x` plus the defined parameters of `query` (lists comma-joined). */
export function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions extends Omit<RequestInit, 'body'> {
  json?: unknown;
  body?: BodyInit;
  /** Sent as If-Match, so a change based on a stale read is refused (409), never lost. */
  version?: number;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { json, version, headers, body, ...rest } = options;
  const method = (rest.method ?? 'GET').toUpperCase();
  const token = SAFE.has(method) ? undefined : csrfToken();
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...rest,
    method,
    headers: {
      accept: 'application/json',
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { 'x-csrf-token': token } : {}),
      ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
      ...headers,
    },
    body: json === undefined ? body : JSON.stringify(json),
  });
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { error?: string; message?: string; current?: unknown };
    throw new ApiError(response.status, error.error ?? `http_${response.status}`, error.message ?? response.statusText, error.current);
  }
  return parsed as T;
}

/** The text of a response (reports in Markdown or HTML). */
export async function apiText(path: string): Promise<string> {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, response.statusText);
  return response.text();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const isConflict = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 409;

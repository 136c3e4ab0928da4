// One error type for everything that is the user's doing (bad input, unknown key, conflict,
// failed gate, unreachable store). Anything else that is thrown is our bug.
export type ErrorCode =
  | 'bad_input'
  | 'not_found'
  | 'duplicate'
  | 'conflict'
  | 'check_failed'
  | 'tool_failed'
  | 'store_unavailable'
  | 'store_locked'
  | 'unauthorized'
  | 'forbidden'
  | 'version_required';

const EXIT_CODES: Record<ErrorCode, number> = {
  bad_input: 2,
  not_found: 2,
  duplicate: 2,
  conflict: 2,
  check_failed: 1,
  // A tool `scan` ran crashed: what it would have said is missing, like bad input it is not ours.
  tool_failed: 2,
  store_unavailable: 3,
  store_locked: 3,
  unauthorized: 2,
  forbidden: 2,
  version_required: 2,
};

export class PunchlistError extends Error {
  override readonly name = 'PunchlistError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

export const badInput = (message: string): PunchlistError => new PunchlistError('bad_input', message);
export const notFound = (message: string): PunchlistError => new PunchlistError('not_found', message);
export const conflict = (message: string): PunchlistError => new PunchlistError('conflict', message);

export const isPunchlistError = (e: unknown): e is PunchlistError => e instanceof PunchlistError;

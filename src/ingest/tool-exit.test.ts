import { describe, expect, it } from 'vitest';
import { type ProcessEnd, emptyOutputCrash, exitCrash, exitPolicy, processCrash } from './tool-exit.js';

const end = (over: Partial<ProcessEnd>): ProcessEnd => ({ exitCode: 0, signal: null, timedOut: false, timeoutSeconds: 60, outputBytes: 100, lastError: '', ...over });

describe('whether a tool ran or crashed', () => {
  it('tsc: 0 clean, 1 and 2 with diagnostics, anything else a crash; nothing printed is a clean run', () => {
    const tsc = exitPolicy({ tool: 'tsc' });
    expect(exitCrash(end({ exitCode: 2 }), tsc, 'tsc', 5)).toBeNull();
    expect(exitCrash(end({ exitCode: 1 }), tsc, 'tsc', 0)).toBe('exit code 1 but no findings in its output');
    expect(exitCrash(end({ exitCode: 3 }), tsc, 'tsc', 5)).toBe('exit code 3 is not one tsc gives when it ran (0, 1, 2)');
    expect(emptyOutputCrash(end({ outputBytes: 0 }), tsc, 'tsc')).toBeNull();
    expect(emptyOutputCrash(end({ outputBytes: 0, exitCode: 2 }), tsc, 'tsc')).toBe('exit code 2 but printed nothing');
  });

  it('eslint: 0 and 1 ran, 2 crashed; it always writes its JSON', () => {
    const eslint = exitPolicy({ tool: 'eslint' });
    expect(exitCrash(end({ exitCode: 1 }), eslint, 'eslint', 3)).toBeNull();
    expect(exitCrash(end({ exitCode: 2, lastError: 'Oops!' }), eslint, 'eslint', 3)).toBe('exit code 2 is not one eslint gives when it ran (0, 1): Oops!');
    expect(emptyOutputCrash(end({ outputBytes: 0 }), eslint, 'eslint')).toBe('printed nothing, and eslint always writes a report when it runs');
  });

  it('test runners exit 1 on failures, but the report must be there', () => {
    const junit = exitPolicy({ tool: 'junit' });
    expect(exitCrash(end({ exitCode: 1 }), junit, 'junit', 0)).toBeNull();
    expect(emptyOutputCrash(end({ outputBytes: null, exitCode: 1 }), junit, 'junit')).toBe('wrote no output file, and junit always writes a report when it runs');
    expect(exitCrash(end({ exitCode: 1 }), exitPolicy({ tool: 'npm-audit' }), 'npm-audit', 0)).toBeNull();
  });

  it('a custom command says which codes mean it ran and what no output means', () => {
    const custom = exitPolicy({ tool: 'tsc', exitCodes: [0, 3], emptyOutput: 'clean' });
    expect(exitCrash(end({ exitCode: 3 }), custom, 'tsc', 0)).toBeNull();
    expect(exitCrash(end({ exitCode: 1 }), custom, 'tsc', 4)).toContain('exit code 1 is not one');
    expect(emptyOutputCrash(end({ outputBytes: 0, exitCode: 3 }), custom, 'tsc')).toBeNull();
  });

  it('a timeout, a signal or a command that cannot run is a crash whatever it wrote', () => {
    expect(processCrash(end({ timedOut: true, exitCode: null, signal: 'SIGTERM', timeoutSeconds: 2 }))).toBe('timed out after 2s and was stopped (raise timeoutSeconds if it needs longer)');
    expect(processCrash(end({ exitCode: null, signal: 'SIGSEGV' }))).toBe('killed by SIGSEGV');
    expect(processCrash(end({ exitCode: 127, lastError: 'sh: 1: x: not found' }))).toBe('could not run (exit 127): sh: 1: x: not found');
    expect(processCrash(end({ exitCode: 1 }))).toBeNull();
  });
});

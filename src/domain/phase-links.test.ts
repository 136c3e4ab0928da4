import { describe, expect, it } from 'vitest';
import { linkedPhase, phaseLinker } from './phase-links.js';

const phases = [
  { key: 'P1', name: 'Critical issues' },
  { key: 'P1a', name: 'Week 1: src/api/', parent: 'P1' },
  { key: 'P2', name: 'Week 2: src/billing/' },
  { key: 'P3', name: 'Phase 3: `needs-design`' },
  { key: 'P4', name: 'Major bugs' },
];

describe('phaseLinker', () => {
  const issues = [
    { severity: 'minor' as const, files: ['src/billing/a.ts'], labels: [] },
    { severity: 'critical' as const, files: ['src/billing/a.ts'], labels: [] },
    { severity: 'critical' as const, files: ['src/api/a.ts'], labels: [] },
    { severity: 'medium' as const, files: [], labels: ['Needs Design'] },
    { severity: 'major' as const, files: [], labels: ['other'] },
    { severity: 'medium' as const, files: [], labels: [] },
  ];

  it('links by folder, then label, then tier, among top-level phases only, as linkedPhase does', () => {
    const link = phaseLinker(phases);
    expect(issues.map(link)).toEqual(['P2', 'P2', 'P1', 'P3', 'P4', null]);
    expect(issues.map((issue) => linkedPhase(phases, issue))).toEqual(issues.map(link));
  });

  it('links nothing without phases', () => {
    expect(issues.map(phaseLinker([]))).toEqual(issues.map(() => null));
  });
});

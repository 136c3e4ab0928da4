// A hand-written check of exactly what sarif-model.ts's result schema checks, for the hot path:
// a report holds hundreds of thousands of results and zod copies each one. Anything this check
// does not accept goes through zod, which then names the problem (or accepts what this is too
// strict about), so the schema stays the single source of the error messages.
import type { SarifResult } from './sarif-model.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const optNumber = (v: unknown): boolean => v === undefined || typeof v === 'number';
const optInt = (v: unknown): boolean => v === undefined || Number.isInteger(v);

function stringRecord(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isObj(v)) return false;
  for (const key in v) if (typeof v[key] !== 'string') return false;
  return true;
}

function location(v: unknown): boolean {
  if (!isObj(v)) return false;
  const physical = v.physicalLocation;
  if (physical === undefined) return true;
  if (!isObj(physical)) return false;
  const artifact = physical.artifactLocation;
  if (artifact !== undefined && (!isObj(artifact) || !optString(artifact.uri) || !optString(artifact.uriBaseId) || !optInt(artifact.index))) return false;
  const region = physical.region;
  return region === undefined || (isObj(region) && optNumber(region.startLine) && optNumber(region.startColumn));
}

export function isWellFormedResult(v: unknown): v is SarifResult {
  if (!isObj(v)) return false;
  const m = v.message;
  if (!isObj(m) || !optString(m.text) || !optString(m.markdown) || !optString(m.id)) return false;
  if (m.arguments !== undefined && (!Array.isArray(m.arguments) || !m.arguments.every((a) => typeof a === 'string'))) return false;
  if (!optString(v.ruleId) || !optInt(v.ruleIndex) || !optString(v.kind) || !optString(v.level)) return false;
  if (v.rule !== undefined && (!isObj(v.rule) || !optString(v.rule.id) || !optInt(v.rule.index))) return false;
  if (v.locations !== undefined && (!Array.isArray(v.locations) || !v.locations.every(location))) return false;
  if (!stringRecord(v.fingerprints) || !stringRecord(v.partialFingerprints)) return false;
  if (v.suppressions !== undefined && (!Array.isArray(v.suppressions) || !v.suppressions.every((s) => isObj(s) && optString(s.kind) && optString(s.status)))) return false;
  return v.properties === undefined || isObj(v.properties);
}

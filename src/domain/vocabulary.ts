// Reading severities and statuses the way people write them ("P1", "Blocker", "in progress").
import { SEVERITIES, type Severity, STATUSES, type Status } from './enums.js';
import { badInput } from './errors.js';

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: 'critical', blocker: 'critical', blockers: 'critical', p1: 'critical', p0: 'critical', urgent: 'critical',
  major: 'major', high: 'major', p2: 'major',
  medium: 'medium', moderate: 'medium', normal: 'medium', p3: 'medium',
  minor: 'minor', low: 'minor', trivial: 'minor', p4: 'minor',
  // Jira's five priorities, and the words of German and Spanish registers.
  highest: 'critical', lowest: 'minor',
  kritisch: 'critical', kritische: 'critical', hoch: 'major', hohe: 'major', mittel: 'medium', mittlere: 'medium', niedrig: 'minor', niedrige: 'minor',
  // French.
  bloquant: 'critical', bloquante: 'critical', bloquants: 'critical', bloquantes: 'critical', critique: 'critical', critiques: 'critical',
  majeur: 'major', majeure: 'major', majeurs: 'major', majeures: 'major', haute: 'major',
  moyen: 'medium', moyenne: 'medium', moyens: 'medium', moyennes: 'medium',
  mineur: 'minor', mineure: 'minor', mineurs: 'minor', mineures: 'minor', basse: 'minor',
  'crítico': 'critical', 'crítica': 'critical', 'críticos': 'critical', alta: 'major', alto: 'major', media: 'medium', medio: 'medium', baja: 'minor', bajo: 'minor',
};

const STATUS_WORDS: Record<string, Status> = {
  backlog: 'backlog', todo: 'backlog', open: 'backlog', new: 'backlog',
  planned: 'planned', next: 'planned', scheduled: 'planned',
  in_progress: 'in_progress', 'in-progress': 'in_progress', 'in progress': 'in_progress', started: 'in_progress', doing: 'in_progress', wip: 'in_progress',
  blocked: 'blocked', waiting: 'blocked', 'on hold': 'blocked',
  resolved: 'resolved', done: 'resolved', fixed: 'resolved', closed: 'resolved', complete: 'resolved', completed: 'resolved',
  wont_fix: 'wont_fix', "won't fix": 'wont_fix', 'wont fix': 'wont_fix', 'wont-fix': 'wont_fix', wontfix: 'wont_fix',
  // Jira, Notion and pentest reports; German and Spanish.
  'to do': 'backlog', 'not started': 'backlog', 'in review': 'in_progress', 'accepted risk': 'wont_fix', 'risk accepted': 'wont_fix',
  offen: 'backlog', 'in arbeit': 'in_progress', erledigt: 'resolved', blockiert: 'blocked',
  canceled: 'wont_fix', cancelled: 'wont_fix', duplicate: 'wont_fix',
  'à faire': 'backlog', ouvert: 'backlog', ouverte: 'backlog', 'en cours': 'in_progress', corrigé: 'resolved', corrigée: 'resolved', terminé: 'resolved', terminée: 'resolved', résolu: 'resolved', fermé: 'resolved', bloqué: 'blocked', bloquée: 'blocked', abandonné: 'wont_fix',
  abierto: 'backlog', pendiente: 'backlog', 'en curso': 'in_progress', 'en progreso': 'in_progress', hecho: 'resolved', resuelto: 'resolved', bloqueado: 'blocked',
};

const norm = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

export function readSeverity(text: string): Severity | null {
  return SEVERITY_WORDS[norm(text)] ?? null;
}

export function readStatus(text: string): Status | null {
  return STATUS_WORDS[norm(text)] ?? STATUS_WORDS[norm(text).replace(/[’]/g, "'")] ?? null;
}

export function parseSeverity(text: string, field = 'severity'): Severity {
  const severity = readSeverity(text);
  if (!severity) throw badInput(`${field}: "${text}" is not one of ${SEVERITIES.join(', ')} (P1..P4 and blocker/high/low also work)`);
  return severity;
}

export function parseStatus(text: string, field = 'status'): Status {
  const status = readStatus(text);
  if (!status) throw badInput(`${field}: "${text}" is not one of ${STATUSES.join(', ')}`);
  return status;
}

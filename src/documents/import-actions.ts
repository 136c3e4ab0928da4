// Immediate actions: numbered headings (`#### 1. Migration Test Database (3 hours)`) with the code
// snippet under them, or plain items in an actions list; next steps are the numbered list after
// `**Next Steps**:`.
import type { ActionDoc } from '../domain/document.js';
import { parseEstimate } from '../domain/estimate.js';
import { LIMITS } from '../domain/limits.js';
import type { ImportState } from './import-context.js';

const NUMBERED = /^(\d{1,3})[.)]\s+(.+)$/;

export const isNumberedHeading = (title: string): boolean => NUMBERED.test(title.trim());

/** "Title (3 hours)" → title and minutes; a parenthetical that is no estimate stays in the title. */
export function titleAndEstimate(text: string): { title: string; estimateMinutes: number | null } {
  const t = text.trim();
  const paren = /\s*\(([^()]*)\)\s*$/.exec(t);
  if (paren) {
    try {
      const minutes = parseEstimate(paren[1]!);
      if (minutes !== null && t.slice(0, paren.index).trim() !== '') {
        return { title: t.slice(0, paren.index).trim(), estimateMinutes: minutes };
      }
    } catch {
      // not an estimate: part of the title
    }
  }
  return { title: t, estimateMinutes: null };
}

export function addAction(state: ImportState, text: string, kind: ActionDoc['kind']): ActionDoc {
  const numbered = NUMBERED.exec(text.trim());
  const { title, estimateMinutes } = titleAndEstimate(numbered ? numbered[2]! : text);
  const action: ActionDoc = {
    title: title.slice(0, LIMITS.titleLength * 4),
    kind,
    estimateMinutes: estimateMinutes !== null && estimateMinutes <= 10_000_000 ? estimateMinutes : null,
    snippet: null,
    snippetLang: null,
  };
  state.actions.push(action);
  return action;
}

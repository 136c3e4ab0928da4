// Passwords never reach a message: in URL userinfo, a `?password=` parameter, or a libpq
// keyword string (`password=…`, quoted or not).
export function maskSecrets(location: string): string {
  let text = location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    for (const name of [...url.searchParams.keys()]) {
      if (/pass|secret|token/i.test(name)) url.searchParams.set(name, '***');
    }
    text = url.protocol && location.includes('://') ? url.toString() : location;
  } catch {
    text = location.replace(/(\/\/[^:/@\s]*):[^@/\s]*@/, '$1:***@');
  }
  return text
    .replace(/(\/\/[^:/@\s]*):[^@/\s]*@/, '$1:***@')
    .replace(/([?&][^=&\s]*(?:pass|secret|token)[^=&\s]*=)[^&\s]*/gi, '$1***')
    .replace(/((?:^|\s)password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)/gi, '$1***');
}

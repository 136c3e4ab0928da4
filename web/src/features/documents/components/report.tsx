// A report (the audit or the executive roadmap) rendered by the server from live state, shown
// as the printable HTML it is, with a print button.
import { useRef } from 'react';
import { reportUrl } from '../api/documents.ts';

export function Report({ project, kind }: { project: string; kind: 'audit' | 'roadmap' }) {
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <>
      <div className="row no-print">
        <button type="button" onClick={() => frame.current?.contentWindow?.print()}>
          Print
        </button>
        <a href={reportUrl(project, kind, 'html')} target="_blank" rel="noreferrer">
          Open the HTML
        </a>
        <a href={reportUrl(project, kind, 'md')} download={`${project}-${kind}.md`}>
          Download Markdown
        </a>
      </div>
      <iframe ref={frame} className="report-frame" title={`${kind} report`} src={reportUrl(project, kind, 'html')} />
    </>
  );
}

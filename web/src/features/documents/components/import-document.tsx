// Import: drop a Markdown audit (or choose it), see what a dry run would change, then confirm.
import { useState, type DragEvent } from 'react';
import { Card, ErrorBox } from '../../../components/states.tsx';
import { useImportMarkdown, type ImportSummary } from '../api/documents.ts';

export function ImportDocument({ project }: { project: string }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [over, setOver] = useState(false);
  const dry = useImportMarkdown(project);
  const apply = useImportMarkdown(project);

  const take = async (f: File | undefined) => {
    if (!f) return;
    const text = await f.text();
    setFile({ name: f.name, text });
    apply.reset();
    dry.mutate({ text, dryRun: true });
  };

  return (
    <>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e: DragEvent) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e: DragEvent) => {
          e.preventDefault();
          setOver(false);
          void take(e.dataTransfer.files[0]);
        }}
      >
        <p>Drop a Markdown audit here, or</p>
        <label className="button-like">
          Choose a file
          <input type="file" accept=".md,.markdown,text/markdown" className="sr-only" onChange={(e) => void take(e.target.files?.[0])} />
        </label>
      </div>
      {dry.error ? <ErrorBox error={dry.error} /> : null}
      {file && dry.data ? (
        <Card title={`Dry run of ${file.name}: nothing written yet`}>
          <Summary summary={dry.data} />
          {apply.data ? null : (
            <button type="button" disabled={apply.isPending} onClick={() => apply.mutate({ text: file.text, dryRun: false })}>
              {apply.isPending ? 'Importing…' : 'Confirm the import'}
            </button>
          )}
        </Card>
      ) : null}
      {apply.error ? <ErrorBox error={apply.error} /> : null}
      {apply.data ? (
        <Card title="Imported">
          <p role="status">
            Imported into {apply.data.project.key}: {apply.data.created.length} created, {apply.data.updated.length} updated.
          </p>
        </Card>
      ) : null}
    </>
  );
}

function Summary({ summary }: { summary: ImportSummary }) {
  const list = (keys: string[]) => (keys.length ? `${keys.length} (${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''})` : '0');
  return (
    <dl className="fields">
      <dt>Project</dt>
      <dd>
        {summary.project.key} — {summary.project.name}
        {summary.projectCreated ? ' (new)' : ''}
      </dd>
      <dt>New issues</dt>
      <dd>{list(summary.created)}</dd>
      <dt>Changed issues</dt>
      <dd>{list(summary.updated)}</dd>
      <dt>Unchanged</dt>
      <dd>{summary.unchanged}</dd>
      <dt>Not in the document</dt>
      <dd>{list(summary.missing)} (kept)</dd>
      <dt>Sections changed</dt>
      <dd>{summary.sections.length ? summary.sections.join(', ') : 'none'}</dd>
      {summary.recognised ? (
        <>
          <dt>Recognised</dt>
          <dd>
            {Object.entries(summary.recognised)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ')}
          </dd>
        </>
      ) : null}
      {summary.warnings?.length ? (
        <>
          <dt>Warnings</dt>
          <dd>
            <ul>
              {summary.warnings.slice(0, 20).map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

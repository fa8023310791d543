import { useRef, useState } from 'react';
import { formatBytes, LIMITS } from '../../contract.js';
import { importConfig, type FormPatch, type ImportReport } from './import/importConfig.js';

const DIALECT_NAMES = { java: 'Java client properties', librdkafka: 'librdkafka / kcat config' };

/** The button: reads the chosen file here, in the window, and hands the fields and the report up. */
export function ImportConfigButton({ onImported }: { onImported: (patch: FormPatch, report: ImportReport) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  async function onPick(file: File | undefined) {
    if (!file) return;
    if (file.size > LIMITS.importFileBytes) {
      setError(
        `${file.name} is ${formatBytes(file.size)}; a client config file is at most ${formatBytes(LIMITS.importFileBytes)}.`,
      );
      return;
    }
    setError(null);
    const { patch, report } = importConfig(await file.text(), file.name);
    onImported(patch, report);
  }

  return (
    <div className="import-config">
      <button type="button" className="btn btn-small" onClick={() => input.current?.click()}>
        Import client config…
      </button>
      <span className="muted small">client.properties, or a kcat / librdkafka config file</span>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Client config file to import"
        onChange={(e) => {
          void onPick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {error && (
        <div role="alert" className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

/** What an import took, what the person still has to choose, and what it left out and why. */
export function ImportReportPanel({ report, onDismiss }: { report: ImportReport; onDismiss: () => void }) {
  return (
    <section role="status" aria-label="Import report" className="import-report">
      <div className="import-report-head">
        <strong>
          Imported from {report.fileName} ({DIALECT_NAMES[report.dialect]})
        </strong>
        <button type="button" className="btn btn-small btn-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {report.imported.length > 0 ? (
        <ul className="import-list">
          {report.imported.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing in this file is a connection setting.</p>
      )}
      {report.toChoose.length > 0 && (
        <>
          <h3 className="import-heading">Choose these files below (Samsa does not open paths from a config file)</h3>
          <ul className="import-list">
            {report.toChoose.map((c) => (
              <li key={`${c.slot}-${c.key}`}>
                <code>{c.path}</code> <span className="muted">({c.key})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.notImported.length > 0 && (
        <>
          <h3 className="import-heading">Not imported</h3>
          <ul className="import-list import-not">
            {report.notImported.map((n) => (
              <li key={n.key}>
                <code>{n.key}</code> {n.reason.startsWith(n.key) ? n.reason.slice(n.key.length).trimStart() : n.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.ignored.length > 0 && (
        <p className="muted small">Not connection settings, ignored: {report.ignored.join(', ')}</p>
      )}
    </section>
  );
}

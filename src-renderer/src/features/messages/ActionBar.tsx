import { useState } from 'react';
import type { ExportParams } from '../../contract.js';
import { CopyButton } from '../../components/CopyButton.js';
import { routeHref } from '../../lib/route.js';
import { ExportDialog, type ExportChoice } from './ExportDialog.js';
import type { KcatConnection } from './kcat.js';
import type { ModeProps } from './mode-props.js';
import { ResendDialog } from './ResendDialog.js';
import { viewStateQuery, type ViewState } from './view-state.js';

interface Props extends ModeProps {
  /** The state a link reopens (a page's exact positions rather than "newest"). */
  linkState: ViewState;
  kcat: ((c: KcatConnection) => string) | null;
  exportChoices: ExportChoice[];
}

/** The first row of every view: the view switch, then ticked records and actions, then the time format. */
export function HeaderRow(p: Props) {
  return (
    <div className="toolbar messages-header">
      {p.header.modes}
      <span className="spacer" />
      <ActionBar {...p} />
      {p.header.time}
    </div>
  );
}

/** Ticked records, export, re-send, and the view as a link or a kcat command. */
function ActionBar(p: Props) {
  const [dialog, setDialog] = useState<'export' | 'resend' | null>(null);
  const ticked = [...p.checked].map((k) => {
    const [partition, offset] = k.split(':');
    return { partition: Number(partition), offset: offset! };
  });
  const choices: ExportChoice[] = [...p.exportChoices];
  if (ticked.length > 0) {
    choices.push({
      id: 'ticked',
      label: `Ticked records (${ticked.length})`,
      source: { kind: 'records', records: ticked.slice(0, 10_000) } satisfies ExportParams['source'],
    });
  }
  const link = () =>
    `${window.location.origin}${window.location.pathname}${routeHref({
      page: 'topic',
      clusterId: p.clusterId,
      topic: p.topic,
      tab: 'messages',
      query: viewStateQuery(p.linkState) || undefined,
    })}`;
  return (
    <div className="action-bar" role="group" aria-label="Actions">
      {ticked.length > 0 && (
        <span className="small">
          {ticked.length} ticked{' '}
          <button type="button" className="btn btn-small btn-quiet" onClick={p.clearChecked}>
            Clear
          </button>
        </span>
      )}
      <CopyButton label="Copy a link to this view" short="Copy link" text={link} />
      {p.kcat && p.connection && (
        <CopyButton label="Copy this view as a kcat command" short="kcat" text={() => p.kcat!(p.connection!)} />
      )}
      <button
        type="button"
        className="btn btn-small"
        disabled={choices.length === 0}
        onClick={() => setDialog('export')}
      >
        Export…
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={ticked.length === 0}
        onClick={() => setDialog('resend')}
      >
        Re-send…
      </button>
      {dialog === 'export' && (
        <ExportDialog clusterId={p.clusterId} topic={p.topic} choices={choices} onClose={() => setDialog(null)} />
      )}
      {dialog === 'resend' && (
        <ResendDialog clusterId={p.clusterId} topic={p.topic} records={ticked} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

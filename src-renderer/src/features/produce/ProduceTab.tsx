import { useState } from 'react';
import { DEFAULT_PRODUCE_OPTIONS, type ProduceOptions, type RecentSend } from '../../contract.js';
import { formatBytes } from '../../contract.js';
import { useProduceContext } from '../../queries/produce.js';
import { BulkProduce } from './BulkProduce.js';
import { ImportProduce } from './ImportProduce.js';
import { ProduceOptionsFields } from './ProduceOptionsFields.js';
import { RecentSends } from './RecentSends.js';
import { SingleProduce } from './SingleProduce.js';
import './produce.css';

interface Props {
  clusterId: string;
  topic: string;
  partitionCount: number | undefined;
}

type Mode = 'one' | 'many' | 'import';
const MODES: { id: Mode; label: string }[] = [
  { id: 'one', label: 'One record' },
  { id: 'many', label: 'Many from a template' },
  { id: 'import', label: 'Import a file' },
];

/** Send one record, many from a template, or a JSONL file; settings as Kafka names them; recent sends. */
export function ProduceTab(props: Props) {
  // Another topic starts with a fresh form.
  return <ProduceForTopic key={`${props.clusterId}/${props.topic}`} {...props} />;
}

function ProduceForTopic({ clusterId, topic, partitionCount }: Props) {
  const [mode, setMode] = useState<Mode>('one');
  const [options, setOptions] = useState<ProduceOptions>(DEFAULT_PRODUCE_OPTIONS);
  const [reuse, setReuse] = useState<Extract<RecentSend, { kind: 'single' }> | null>(null);
  const context = useProduceContext(clusterId, topic);
  const partitions = partitionCount ?? context.data?.partitions;
  return (
    <div className="produce">
      <div className="produce-main">
        <div className="toolbar">
          <fieldset className="segmented">
            <legend className="visually-hidden">What to send</legend>
            {MODES.map((m) => (
              <label key={m.id} className={mode === m.id ? 'segment active' : 'segment'}>
                <input type="radio" name="produce-mode" checked={mode === m.id} onChange={() => setMode(m.id)} />
                {m.label}
              </label>
            ))}
          </fieldset>
          <span className="spacer" />
          <ProduceOptionsFields value={options} onChange={setOptions} />
        </div>
        {context.data?.maxMessageBytes && (
          <p className="muted small">
            This topic accepts records up to {formatBytes(context.data.maxMessageBytes)} (max.message.bytes).
          </p>
        )}
        {mode === 'one' && (
          <SingleProduce
            clusterId={clusterId}
            topic={topic}
            partitionCount={partitions}
            context={context.data}
            options={options}
            reuse={reuse}
          />
        )}
        {mode === 'many' && (
          <BulkProduce clusterId={clusterId} topic={topic} partitionCount={partitions} options={options} />
        )}
        {mode === 'import' && <ImportProduce clusterId={clusterId} topic={topic} options={options} />}
      </div>
      <RecentSends
        clusterId={clusterId}
        topic={topic}
        onReuse={(s) => {
          setMode('one');
          setReuse({ ...s });
        }}
      />
    </div>
  );
}

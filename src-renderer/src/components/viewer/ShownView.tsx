import type { Shown } from '../../lib/decode.js';
import { HexView } from './HexView.js';
import { JsonTreeView } from './JsonTreeView.js';
import { TextView } from './TextView.js';

/** Key, value or header bytes as decoded (see lib/decode.ts), in the matching virtualized view. */
export function ShownView({ shown, label, fill }: { shown: Shown; label: string; fill?: boolean }) {
  switch (shown.as) {
    case 'hex':
      return <HexView bytes={shown.bytes} label={label} fill={fill} />;
    case 'json':
      return <JsonTreeView value={shown.value} label={label} fill={fill} />;
    default:
      return <TextView text={shown.text} label={label} fill={fill} />;
  }
}

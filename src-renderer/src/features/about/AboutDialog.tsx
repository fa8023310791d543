import { useEffect, useState } from 'react';
import type { AboutInfo, BundledPackage } from '../../contract.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SkeletonText } from '../../components/Skeleton.js';
import { useBridge } from '../../bridge/context.js';
import { useAbout } from '../../queries/app.js';

/**
 * "About Samsa" in the sidebar; the desktop app's menu opens the same dialog through the
 * `app.showAbout` event.
 */
export function AboutButton() {
  const bridge = useBridge();
  const [open, setOpen] = useState(false);
  useEffect(() => bridge.onEvent('app.showAbout', () => setOpen(true)), [bridge]);
  return (
    <>
      <button type="button" className="btn btn-quiet btn-small btn-block about-link" onClick={() => setOpen(true)}>
        About Samsa
      </button>
      {open && <AboutDialog onClose={() => setOpen(false)} />}
    </>
  );
}

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const about = useAbout(true);
  const info = about.data;
  return (
    <Dialog title="About Samsa" onClose={onClose}>
      <ErrorAlert error={about.error} title="Could not read the app's details" />
      <dl className="about-facts">
        <dt>Version</dt>
        <dd>{info ? info.version : <SkeletonText width="4em" />}</dd>
        <dt>Runs on</dt>
        <dd>{info ? runtimeText(info) : <SkeletonText width="14em" />}</dd>
      </dl>
      <p className="small muted">
        Samsa is open source (Apache License 2.0). It sends no telemetry and does not update itself: new versions are
        installed by you.
      </p>
      <h3 className="section-heading">Open-source packages inside Samsa</h3>
      {info?.packagesNote && <p className="small muted">{info.packagesNote}</p>}
      {info && info.packages.length > 0 && (
        <ul className="about-packages" aria-label="Bundled packages and their licences">
          {info.packages.map((p) => (
            <PackageLicense key={`${p.name}@${p.version}`} pkg={p} />
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}

const HOW: Record<BundledPackage['how'], string> = {
  bundled: 'in the window',
  runtime: 'in the app and sandbox broker',
  platform: 'runtime of the desktop app',
};

function PackageLicense({ pkg }: { pkg: BundledPackage }) {
  return (
    <li>
      <details>
        <summary>
          <span className="mono">
            {pkg.name} {pkg.version}
          </span>{' '}
          <span className="muted small">
            · {pkg.license} · {HOW[pkg.how]}
          </span>
        </summary>
        {pkg.homepage && <p className="small mono ellipsis">{pkg.homepage}</p>}
        {pkg.licenseText ? (
          <pre className="about-license">{pkg.licenseText}</pre>
        ) : (
          <p className="small muted">This package ships no licence file; its licence is {pkg.license}.</p>
        )}
      </details>
    </li>
  );
}

function runtimeText(info: AboutInfo): string {
  const where = info.mode === 'electron' ? 'Desktop app' : 'Browser mode';
  const { electron, chrome, node } = info.runtime;
  return electron ? `${where}: Electron ${electron} (Chromium ${chrome}, Node ${node})` : `${where}: Node ${node}`;
}

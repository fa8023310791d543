/**
 * The electron-builder configuration: loaded and schema-validated by electron-builder's own code,
 * then held to what Samsa promises (identity, targets, hardening, no update feed).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The parts of electron-builder's Configuration this check reads. */
export interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean | object;
  asarUnpack?: string[] | string | null;
  files?: unknown;
  fileAssociations?: unknown;
  publish?: unknown;
  electronFuses?: Record<string, boolean | undefined> | null;
  directories?: { buildResources?: string; output?: string };
  linux?: {
    target?: unknown;
    category?: string;
    icon?: string;
    desktop?: { entry?: Record<string, string> };
  };
  mac?: { target?: unknown; icon?: string };
  win?: { target?: unknown; icon?: string };
}

/** What the packaged app must have; each fuse as electron-builder names it. */
export const REQUIRED_FUSES: Record<string, boolean> = {
  runAsNode: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableNodeOptionsEnvironmentVariable: false,
};

export async function loadBuilderConfig(root: string, file = 'electron-builder.yml'): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(root, join(root, file), null);
  await validateConfiguration(config, new DebugLogger(false)); // throws on anything the schema refuses
  return config as BuilderConfig;
}

type TargetSpec = string | { target: string; arch?: string[] | string };

function targets(value: unknown): { target: string; arch: string[] }[] {
  const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]) as TargetSpec[];
  return list.map((t) =>
    typeof t === 'string'
      ? { target: t, arch: [] }
      : { target: t.target, arch: Array.isArray(t.arch) ? t.arch : t.arch ? [t.arch] : [] },
  );
}

/** Problems with the configuration, in words; empty when it is as Samsa needs it. */
export function configProblems(config: BuilderConfig, packageJson: { productName?: string }): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => ok || problems.push(message);
  need(config.productName === 'Samsa' && packageJson.productName === 'Samsa', 'productName must be "Samsa".');
  need(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(config.appId ?? ''), 'appId must be a reverse-DNS id.');
  need(config.asar !== false, 'asar must stay on (fuses OnlyLoadAppFromAsar and integrity need it).');
  need(
    !config.asarUnpack || (Array.isArray(config.asarUnpack) && config.asarUnpack.length === 0),
    'Nothing needs unpacking from app.asar; asarUnpack must stay empty (or say why in this check).',
  );
  need(config.publish === null, 'publish must be null: Samsa has no auto-update service and no update feed.');
  need(!config.fileAssociations, 'Samsa registers no file associations.');
  for (const [fuse, value] of Object.entries(REQUIRED_FUSES)) {
    need(config.electronFuses?.[fuse] === value, `electronFuses.${fuse} must be ${value}.`);
  }
  const linux = targets(config.linux?.target).map((t) => t.target);
  need(linux.includes('AppImage') && linux.includes('deb'), 'Linux targets must include AppImage and deb.');
  need(config.linux?.category === 'Development', 'The Linux desktop entry category must be Development.');
  need(
    (config.linux?.desktop?.entry?.Categories ?? 'Development;').startsWith('Development'),
    'The desktop entry must list Development as its category.',
  );
  const dmg = targets(config.mac?.target).find((t) => t.target === 'dmg');
  need(
    Boolean(dmg && dmg.arch.includes('x64') && dmg.arch.includes('arm64')),
    'macOS must build a dmg for x64 and arm64.',
  );
  need(
    targets(config.win?.target).some((t) => t.target === 'nsis'),
    'Windows must build an NSIS installer.',
  );
  return problems;
}

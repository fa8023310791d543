import { routeHref, type Route } from '../../lib/route.js';
import { useConnection, useConnections } from '../../queries/connections.js';
import { useConnectionDialogs } from '../shell/connectionDialogs.js';
import { GroupPage } from '../groups/GroupPage.js';
import { TopicPage } from '../topics/TopicPage.js';
import { DisconnectedBanner } from './DisconnectedBanner.js';
import { clusterSections } from './sections.js';

type ClusterRoute = Extract<Route, { page: 'cluster' | 'topic' | 'group' }>;

export function ClusterPage({ route }: { route: ClusterRoute }) {
  const connections = useConnections();
  const profile = useConnection(route.clusterId);
  const dialogs = useConnectionDialogs();

  if (connections.isSuccess && !profile) {
    return (
      <div className="page">
        <h1>Connection not found</h1>
        <p className="muted">
          It may have been removed. <a href={routeHref({ page: 'home' })}>Go to the start page</a>.
        </p>
      </div>
    );
  }

  // A topic page lives under Topics, a group page under Consumer groups: that link stays current.
  const section = route.page === 'topic' ? 'topics' : route.page === 'group' ? 'groups' : route.section;
  const { Component: Section } = clusterSections.find((s) => s.id === section)!;
  return (
    <div className="page page-cluster">
      <header className="page-header">
        <div className="page-title">
          <h1>{profile?.name ?? '\u00a0'}</h1>
          <span className="muted mono small">{profile?.bootstrapServers.join(', ')}</span>
        </div>
        {profile?.sandbox && (
          <div className="page-actions">
            <a className="btn btn-small" href={routeHref({ page: 'sandbox' })}>
              Sandbox settings and log
            </a>
          </div>
        )}
        {profile && !profile.sandbox && (
          <div className="page-actions">
            <button type="button" className="btn btn-small" onClick={() => dialogs.openEdit(profile)}>
              Edit connection
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger-quiet"
              onClick={() => dialogs.openRemove(profile)}
            >
              Remove connection
            </button>
          </div>
        )}
      </header>
      {profile && <DisconnectedBanner profile={profile} />}
      <nav aria-label="Cluster sections" className="section-nav">
        {clusterSections.map((s) => (
          <a
            key={s.id}
            href={routeHref({ page: 'cluster', clusterId: route.clusterId, section: s.id })}
            aria-current={s.id === section ? 'page' : undefined}
            className="section-link"
            data-label={s.label}
          >
            {s.label}
          </a>
        ))}
      </nav>
      <div className="page-body">
        {route.page === 'topic' ? (
          <TopicPage clusterId={route.clusterId} topic={route.topic} tab={route.tab} />
        ) : route.page === 'group' ? (
          <GroupPage clusterId={route.clusterId} groupId={route.groupId} />
        ) : (
          <Section clusterId={route.clusterId} />
        )}
      </div>
    </div>
  );
}

// The caller's channels, loaded once per session (names for facet values and version forms).
import { request } from './api.js';
import { onSession } from './session.js';

const CHANNELS = `query channels($after: String) {
  channels(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name platform medium active handle maxPostsPerDay delivery { mode webhookUrl secretSet } }
  }
}`;

let loading = null;
onSession(() => { loading = null; });

export function channels({ fresh = false } = {}) {
  if (!loading || fresh) {
    loading = (async () => {
      const all = [];
      let after = null;
      for (;;) {
        const { channels: page } = await request(CHANNELS, { after });
        all.push(...page.nodes);
        if (!page.pageInfo.hasNextPage) return all;
        after = page.pageInfo.endCursor;
      }
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

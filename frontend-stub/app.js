// The newsroom screen: sign in, list stories newest first with filters and text search,
// page through them, and open one to see its per-channel versions.
const PAGE = 20;

const LOGIN = `mutation login($input: LoginInput!) {
  login(input: $input) { token user { displayName } userErrors { code message } }
}`;
const VIEWER = `query { viewer { displayName roles tenant { name } } channels(first: 100) { nodes { id name } } }`;
const STORIES = `query stories($first: Int, $after: String, $last: Int, $before: String, $filter: StoryFilter) {
  stories(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { id title summary status region tags createdAt } }
  }
}`;
const STORY = `query story($id: ID!) {
  story(id: $id) {
    id title summary body language tags region status revision createdAt updatedAt
    versions { format medium title body durationSeconds channel { id name platform } }
  }
}`;

const $ = (selector) => document.querySelector(selector);
const state = { filter: {}, page: { first: PAGE } };

function text(tag, content, className) {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) element.className = className;
  return element;
}

function when(iso) {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

async function showNewsroom() {
  const data = await Graph.request(VIEWER);
  $('#login').hidden = true;
  $('#newsroom').hidden = false;
  $('#who').hidden = false;
  $('#who-name').textContent = `${data.viewer.displayName} · ${data.viewer.tenant ? data.viewer.tenant.name : '平台'}`;
  const channels = $('#filters select[name=channelId]');
  for (const channel of data.channels.nodes) {
    const option = text('option', channel.name);
    option.value = channel.id;
    channels.append(option);
  }
  await loadStories();
}

async function loadStories() {
  const list = $('#stories');
  try {
    const data = await Graph.request(STORIES, { ...state.page, filter: state.filter });
    const { edges, pageInfo, totalCount } = data.stories;
    list.replaceChildren(...edges.map(({ node }) => storyItem(node)));
    $('#count').textContent = `共 ${totalCount} 篇`;
    $('#older').disabled = !pageInfo.hasNextPage && !state.page.before;
    $('#newer').disabled = !pageInfo.hasPreviousPage && !state.page.after;
    state.cursors = pageInfo;
  } catch (error) {
    list.replaceChildren(text('li', error.message, 'error'));
  }
}

function storyItem(story) {
  const item = document.createElement('li');
  const button = text('button', story.title, 'link');
  button.type = 'button';
  button.addEventListener('click', () => showStory(story.id));
  item.append(button, text('span', `${story.status} · ${story.region || ''} · ${when(story.createdAt)}`, 'muted'),
    text('p', story.summary || ''));
  return item;
}

async function showStory(id) {
  const detail = $('#detail');
  try {
    const { story } = await Graph.request(STORY, { id });
    if (!story) {
      detail.replaceChildren(text('p', '稿件不存在或无权查看。', 'error'));
      return;
    }
    const versions = story.versions.map((v) => {
      const block = document.createElement('section');
      const target = v.channel ? `${v.channel.name} (${v.channel.platform})` : v.medium;
      block.append(text('h4', `${v.format} → ${target}`), text('strong', v.title), text('p', v.body));
      if (v.durationSeconds) block.append(text('span', `${v.durationSeconds} 秒`, 'muted'));
      return block;
    });
    detail.replaceChildren(text('h2', story.title), text('p', story.summary, 'lead'),
      text('p', `${story.status} · 第 ${story.revision} 版 · ${story.tags.join('、')} · ${when(story.updatedAt)}`, 'muted'),
      text('div', story.body, 'body'), text('h3', `各渠道版本 (${story.versions.length})`), ...versions);
  } catch (error) {
    detail.replaceChildren(text('p', error.message, 'error'));
  }
}

$('#login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  $('#login-error').textContent = '';
  try {
    const input = { tenant: form.get('tenant') || null, username: form.get('username'), password: form.get('password') };
    const { login } = await Graph.request(LOGIN, { input });
    if (login.userErrors.length) {
      $('#login-error').textContent = login.userErrors.map((e) => e.message).join('; ');
      return;
    }
    Graph.signIn(login.token);
    await showNewsroom();
  } catch (error) {
    $('#login-error').textContent = error.message;
  }
});

$('#filters').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  state.filter = Object.fromEntries([...form.entries()].filter(([, value]) => value.trim() !== ''));
  state.page = { first: PAGE };
  loadStories();
});

$('#older').addEventListener('click', () => {
  state.page = { first: PAGE, after: state.cursors.endCursor };
  loadStories();
});

$('#newer').addEventListener('click', () => {
  state.page = { last: PAGE, before: state.cursors.startCursor };
  loadStories();
});

$('#logout').addEventListener('click', () => {
  Graph.signOut();
  window.location.reload();
});

if (Graph.signedIn()) {
  showNewsroom().catch(() => Graph.signOut());
}

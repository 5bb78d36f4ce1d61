// A tiny client for the MediaGraph GraphQL endpoint: no framework, no build step.
const Graph = (() => {
  const endpoint = new URL('/graphql', window.location.href).toString();
  let token = sessionStorage.getItem('mediagraph.token');

  async function request(query, variables = {}) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    if (response.status === 401) {
      signOut();
      throw new Error('登录已过期，请重新登录');
    }
    const body = await response.json();
    if (body.errors && body.errors.length) {
      throw new Error(body.errors.map((e) => e.message).join('; '));
    }
    return body.data;
  }

  function signIn(newToken) {
    token = newToken;
    sessionStorage.setItem('mediagraph.token', newToken);
  }

  function signOut() {
    token = null;
    sessionStorage.removeItem('mediagraph.token');
  }

  return { request, signIn, signOut, signedIn: () => Boolean(token) };
})();

// The GraphQL client: urql over HTTP, graphql-ws for subscriptions. Every failure becomes an
// ApiError with a sentence from the catalogue; a refused token leads to sign-in and the request
// is sent again once the user is back.
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import { t } from './i18n.js';
import * as session from './session.js';

const base = import.meta.env.VITE_MEDIAGRAPH_URL || window.location.origin;
export const endpoint = new URL('/graphql', base).href;

let ws = null;
function wsClient() {
  if (!ws) {
    ws = createWsClient({
      url: new URL('/graphql-ws', endpoint).href.replace(/^http/, 'ws'),
      lazy: true,
      retryAttempts: 5,
      connectionParams: () => (session.token() ? { Authorization: `Bearer ${session.token()}` } : {}),
    });
  }
  return ws;
}
session.onSession((event) => {
  if ((event === 'signed-out' || event === 'signed-in' || event === 'expired') && ws) {
    ws.dispose();
    ws = null;
  }
});

const client = new Client({
  url: endpoint,
  preferGetMethod: false,
  requestPolicy: 'network-only',
  fetchOptions: () => {
    const headers = { Accept: 'application/graphql-response+json, application/json' };
    if (session.token()) headers.Authorization = `Bearer ${session.token()}`;
    return { headers };
  },
  exchanges: [
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: wsClient().subscribe({ ...request, query: request.query || '' }, sink) }),
      }),
    }),
  ],
});

export class ApiError extends Error {
  constructor(message, kind) {
    super(message);
    this.kind = kind;
  }
}

function isUnauthorized(error) {
  if (!error) return false;
  if (error.response && error.response.status === 401) return true;
  return (error.graphQLErrors || []).some((e) => e.extensions?.classification === 'UNAUTHORIZED');
}

function toApiError(error) {
  const status = error.response?.status;
  if (status === 429 || status === 503) return new ApiError(t('errors.busy'), 'busy');
  const first = (error.graphQLErrors || [])[0];
  if (first) {
    const kind = first.extensions?.classification;
    if (kind === 'FORBIDDEN') return new ApiError(t('errors.forbidden'), 'forbidden');
    if (kind === 'NOT_FOUND') return new ApiError(t('errors.notFound'), 'notFound');
    if (kind === 'INTERNAL_ERROR') return new ApiError(t('errors.internal', { id: first.extensions?.errorId || '' }), 'internal');
    if (kind === 'BAD_REQUEST' || kind === 'ValidationError') return new ApiError(t('errors.badRequest', { detail: first.message }), 'badRequest');
    return new ApiError(t('errors.unknown', { detail: first.message }), 'unknown');
  }
  if (error.networkError) return new ApiError(t('errors.network'), 'network');
  return new ApiError(t('errors.unknown', { detail: error.message }), 'unknown');
}

/** Runs a query or mutation and returns its data; waits through a sign-in when the token ran out. */
export async function request(document, variables = {}) {
  const signingIn = /^\s*mutation login\b/.test(document);
  for (;;) {
    if (session.awaitingSignIn() && !signingIn) await session.expired();
    const run = /^\s*mutation/.test(document) ? client.mutation(document, variables) : client.query(document, variables);
    const result = await run.toPromise();
    if (isUnauthorized(result.error) && !signingIn) {
      await session.expired();
      continue;
    }
    if (result.error) throw toApiError(result.error);
    return result.data;
  }
}

/**
 * Subscribes; onData gets each event's data. Returns a function that stops it. The server ends
 * a subscription when the token it was opened with expires, so after each new sign-in the
 * subscription is opened again with the new token.
 */
export function subscribe(document, variables, onData, onError = () => {}) {
  const open = () => client.subscription(document, variables).subscribe((result) => {
    if (result.error) onError(toApiError(result.error));
    else if (result.data) onData(result.data);
  }).unsubscribe;
  let unsubscribe = open();
  const stopListening = session.onSession((event) => {
    if (event !== 'signed-in') return;
    unsubscribe();
    unsubscribe = open();
  });
  return () => {
    stopListening();
    unsubscribe();
  };
}

/** The catalogue's sentence for a user error: by field and code, else by code, else the server's. */
export function userErrorMessage(error) {
  const fieldName = (error.field || []).filter((part) => !/^\d+$/.test(part)).at(-1);
  const specific = fieldName ? t(`errors.field.${fieldName}.${error.code}`) : null;
  if (specific && !specific.startsWith('errors.')) return specific;
  const general = t(`errors.code.${error.code}`);
  return general.startsWith('errors.') ? error.message : general;
}

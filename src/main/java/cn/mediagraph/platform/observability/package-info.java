/**
 * What operators see of a running instance: health for liveness and readiness, GraphQL
 * request metrics per operation, the request id and the tenant in every log line, and
 * optional tracing. Everything here is per request, never per field.
 */
@org.jspecify.annotations.NullMarked
package cn.mediagraph.platform.observability;
